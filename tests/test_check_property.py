"""Property tests: whatever the input, `gdb check` ends with 0, 1 or 2 and valid JSON – never a
traceback. Random text, random TOML data and mutated copies of the example charter."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from gdb_cli import i18n
from gdb_cli import settings as gdb_settings
from gdb_cli.cli import run
from gdb_cli.engine import evaluate
from gdb_cli.pack.handbook import load_handbook
from helpers import FIXTURE_RULES, MINIMAL, load_data, make_pack, patched

EXAMPLE_DATA = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
MINIMAL_DATA = tomllib.loads(MINIMAL.read_text(encoding="utf-8"))
_PACK = make_pack(Path(tempfile.mkdtemp(prefix="gdb-prop-")), FIXTURE_RULES)

KEYS = [
    "schema_version",
    "measure",
    "phase",
    "goals",
    "indicators",
    "mandate",
    "status",
    "valid_until",
    "start",
    "end",
    "resources",
    "budget",
    "amount_eur",
    "budget_total_eur",
    "milestones",
    "date",
    "done",
    "responsibility",
    "team",
    "fte",
    "name",
    "exceptions",
    "code",
    "reason",
    "path",
    "until",
    "competencies",
    "available",
    "mitigation",
    "principles",
    "software",
    "id",
    "kind",
    "unit",
    "target_date",
    "x",
    "ü",
    "",
]

scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["granted", "pending", "MAN001", "CON001", "secured", "outcome", " "]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    ),
    max_leaves=25,
)
tables = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)

paths = st.sampled_from(
    [
        "schema_version",
        "measure.phase",
        "measure.start",
        "measure.end",
        "measure",
        "goals",
        "goals[0].indicators",
        "goals[0].indicators[0].target_date",
        "goals[1]",
        "mandate.status",
        "mandate.valid_until",
        "mandate",
        "resources.budget",
        "resources.budget[0].amount_eur",
        "resources.budget_total_eur",
        "resources.milestones",
        "resources.milestones[0].date",
        "responsibility.team[0].fte",
        "responsibility.team",
        "responsibility.team[1].name",
        "competencies[2].available",
        "exceptions",
        "exceptions[0].code",
        "exceptions[0].reason",
        "principles.software",
        "principles",
    ]
)
patches = st.fixed_dictionaries(
    {
        "set": st.dictionaries(paths, values, max_size=4),
        "delete": st.lists(paths, max_size=3),
    }
)


def _run_cli(*args: str) -> tuple[int, str, str]:
    i18n.set_language("de")
    gdb_settings.current = gdb_settings.Settings()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    return code, out.getvalue(), err.getvalue()


def _check_file(content: bytes, *extra: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "charter.toml"
        path.write_bytes(content)
        code, out, err = _run_cli(*extra, "check", "-f", "json", "--as-of", "2026-11-29", str(path))
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "Interner Fehler" not in err
    data = json.loads(out)
    assert data["summary"]["files"] + data["summary"]["skipped"] == 1  # checked, or not a charter
    return data


def _dump(data: dict[str, Any]) -> bytes | None:
    try:
        return tomli_w.dumps(data).encode("utf-8")
    except (TypeError, ValueError):
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_never_crashes(text):
    _check_file(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(raw):
    _check_file(raw)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_random_toml_data_never_crashes(data):
    content = _dump(data)
    if content is not None:
        _check_file(content, "--handbook", str(_PACK))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patches, st.booleans())
def test_mutated_example_never_crashes_the_bundled_rules(patch, minimal):
    try:
        data = patched(MINIMAL_DATA if minimal else EXAMPLE_DATA, patch)
    except AssertionError:
        return  # the patch path runs through a scalar; not a charter we can build
    content = _dump(data)
    if content is not None:
        _check_file(content)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patches, st.integers(min_value=1, max_value=5), st.booleans(), st.booleans())
def test_mutated_example_evaluates_with_fixture_rules(patch, phase, gate, strict):
    handbook = load_handbook(_PACK)
    try:
        data = patched(EXAMPLE_DATA, patch)
    except AssertionError:
        return
    if isinstance(data.get("measure"), dict):
        data["measure"]["phase"] = phase
    if _dump(data) is None:
        return
    report = evaluate(load_data(data, handbook), handbook, gate=gate, strict=strict)
    assert all(f.line is not None and f.line >= 1 for f in report.findings + report.open)
    assert set(report.failing) <= set(report.findings + report.open)
