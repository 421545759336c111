"""The cached plain validator (`charter_validator`) says exactly what the charter model says.

`gdb check` validates with a pydantic-core validator built from the model's core schema with
every model turned into a typed dict; it must find the same problems, with the same messages, as
`Charter.model_validate` – over the example, mutations of it, and random tables. The facts it
derives from the schema (allowed keys, sections, closed-list fields) must match the model's, and
a warm run must not create the model classes at all.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
import tomllib
import typing
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, ValidationError

from conftest import EXAMPLE
from gdb_cli.charter import validator as charter_validator
from gdb_cli.charter.load import _error_to_finding, problems_in
from gdb_cli.charter.model import Charter, inner_model
from gdb_cli.charter.value_checks import ClosedList
from gdb_cli.pack.handbook import load_handbook

EXAMPLE_DATA = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
CLOSED = load_handbook().closed_ids()


def _model_problems(data: dict[str, Any], closed: Any) -> list[tuple[str, str, str]]:
    try:
        Charter.model_validate(data, context={"closed": closed})
    except ValidationError as exc:
        found = [_error_to_finding(e, data) for e in exc.errors(include_url=False)]
        return [(f.code, f.path, f.message) for f in found]
    return []


def _plain_problems(data: dict[str, Any], closed: Any) -> list[tuple[str, str, str]]:
    return [(f.code, f.path, f.message) for f in problems_in(data, closed)]


def _model_tables() -> dict[str, list[str]]:
    """Key path of every table (indices dropped) → its keys, read from the model classes."""
    found: dict[str, list[str]] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        found[prefix] = list(model.model_fields)
        for name, info in model.model_fields.items():
            inner = inner_model(info.annotation)
            if inner is not None:
                walk(inner, f"{prefix}.{name}" if prefix else name)

    walk(Charter, "")
    return found


def _closed_from_annotations() -> dict[str, str]:
    found: dict[str, str] = {}

    def closed_in(annotation: Any) -> str | None:
        if typing.get_origin(annotation) is typing.Annotated:
            for meta in annotation.__metadata__:
                if isinstance(meta, AfterValidator) and isinstance(meta.func, ClosedList):
                    return meta.func.list_name
        for arg in typing.get_args(annotation):
            name = closed_in(arg)
            if name is not None:
                return name
        return None

    def walk(model: type[BaseModel], prefix: str) -> None:
        hints = typing.get_type_hints(model, include_extras=True)
        for name, info in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            inner = inner_model(info.annotation)
            if inner is not None:
                walk(inner, path)
            elif (list_name := closed_in(hints[name])) is not None:
                found[path] = list_name

    walk(Charter, "")
    return found


def test_the_example_is_valid_for_both() -> None:
    assert _plain_problems(EXAMPLE_DATA, CLOSED) == []
    assert _model_problems(EXAMPLE_DATA, CLOSED) == []


def test_tables_sections_and_closed_lists_match_the_model() -> None:
    for path, keys in _model_tables().items():
        loc = tuple(path.split(".")) if path else ()
        assert charter_validator.table_keys(loc) == keys, path
    assert charter_validator.table_keys(("measure", "title")) == []  # not a table
    assert charter_validator.sections() == set(Charter.model_fields) - {"schema_version"}
    assert charter_validator.closed_list_fields() == _closed_from_annotations()
    assert charter_validator.closed_list_fields()["mandate.status"] == "mandate_status"


def test_the_plain_schema_holds_no_model_classes() -> None:
    """Unpickling the cached schema imports only the value checks (and the standard library)."""
    import pickle
    import pickletools

    plain = charter_validator.plain_schema(Charter.__pydantic_core_schema__)
    assert "<class" not in repr(plain)
    imported = {
        str(arg).split()[0]
        for op, arg, _pos in pickletools.genops(pickle.dumps(plain, protocol=2))
        if op.name == "GLOBAL"
    }
    assert imported and imported <= {
        "gdb_cli.charter.value_checks",
        "datetime",
        "copyreg",
        "builtins",
    }


def test_an_unexpected_schema_part_is_refused() -> None:
    with pytest.raises(charter_validator.Unconvertible):
        charter_validator.plain_schema(
            {"type": "model", "schema": {"type": "function-wrap", "schema": {}}}
        )


# --- the same findings for mutated and random data ---------------------------------------------

scalars = st.one_of(
    st.text(max_size=8),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.sampled_from(["granted", "pending", "outcome", "secured", "x-y", "a@b.de", "NOT AN ID"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["name", "status", "titel", "x", "amount_eur"]), inner),
    ),
    max_leaves=8,
)
KEY_PATHS = [(table, key) for table, keys in _model_tables().items() if table for key in keys] + [
    ("", key) for key in _model_tables()[""] if key != "schema_version"
]


def _set(data: dict[str, Any], table: str, key: str, value: Any) -> None:
    node: Any = data
    for part in table.split(".") if table else []:
        node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list):
            node = node[0] if node else None
        if node is None:
            return
    if isinstance(node, dict):
        node[key] = value


mutations = st.lists(
    st.tuples(st.sampled_from(KEY_PATHS), st.one_of(values, st.just("__delete__"))),
    max_size=5,
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(mutations, st.booleans())
def test_mutated_example_gives_the_same_findings(changes, with_closed) -> None:
    data = copy.deepcopy(EXAMPLE_DATA)
    for (table, key), value in changes:
        if value == "__delete__":
            _set(data, table, key, None)
            parent: Any = data
            for part in table.split(".") if table else []:
                parent = parent.get(part) if isinstance(parent, dict) else None
                if isinstance(parent, list):
                    parent = parent[0] if parent else None
            if isinstance(parent, dict):
                parent.pop(key, None)
        else:
            _set(data, table, key, value)
    closed = CLOSED if with_closed else None
    assert _plain_problems(data, closed) == _model_problems(data, closed)


@PROPERTY
@given(st.dictionaries(st.sampled_from([*_model_tables()[""], "measur", "ziele"]), values))
def test_random_tables_give_the_same_findings(data) -> None:
    data["schema_version"] = 1
    assert _plain_problems(data, CLOSED) == _model_problems(data, CLOSED)


# --- the warm path -----------------------------------------------------------------------------


def test_a_warm_check_creates_no_model_classes(tmp_path) -> None:
    """The second run uses the cached schema: `charter_model` (and its pydantic classes) stay
    unimported; the cache entry exists after the first run."""
    env = {k: v for k, v in os.environ.items() if k not in ("GDB_NO_CACHE",)}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), NO_COLOR="1", GDB_LANG="de")
    probe = (
        "import sys\n"
        "from gdb_cli.cli import run\n"
        f"code = run(['check', {str(EXAMPLE)!r}])\n"
        "print('MODEL' if 'gdb_cli.charter.model' in sys.modules else 'PLAIN', code)\n"
    )

    def once() -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    assert once() == "MODEL 0"  # cold: the schema is made from the model and cached
    entries = list((tmp_path / "cache" / "gdb").glob("charter-schema-*.pickle"))
    assert len(entries) == 1
    assert once() == "PLAIN 0"  # warm: no model classes
