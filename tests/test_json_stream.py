"""Streamed JSON documents (`gdb check --format json|sarif`) are byte for byte what
`json.dumps(…, indent=2)` makes of the whole document."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from gdb_cli.render.json_stream import streamed, write_document

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.floats(allow_nan=False)
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    head=st.dictionaries(st.text(max_size=5), _values, max_size=3),
    items=st.lists(_values, max_size=4),
    other=st.lists(_values, max_size=3),
    nested=st.booleans(),
)
def test_streamed_document_equals_json_dumps(head, items, other, nested):
    whole = {**head, "items": items, "tail": {"other": other} if nested else other}
    skeleton = {
        **head,
        "items": streamed("items"),
        "tail": {"other": streamed("other")} if nested else streamed("other"),
    }
    out = io.StringIO()
    write_document(out, skeleton, {"items": lambda: iter(items), "other": lambda: iter(other)})
    assert out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


def _whole(module: str, run: object) -> str:
    from importlib import import_module

    data = import_module(f"gdb_cli.render.{module}").run_data(run)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def test_check_json_and_sarif_stream_the_same_bytes_as_one_document(gdb, tmp_path):
    import datetime as dt

    from gdb_cli import context
    from gdb_cli.engine.run import run_check

    paths = [ROOT / "examples", ROOT / "tests" / "fixtures"]
    run = run_check(
        paths, context.handbook(), as_of=dt.date(2026, 10, 1), gate=True, statistics=True
    )
    assert sum(len(r.findings) + len(r.open) for r in run.reports) > 20
    for module, output_format in (("check_json", "json"), ("sarif", "sarif")):
        result = gdb(
            "check",
            *paths,
            "--format",
            output_format,
            "--as-of",
            "2026-10-01",
            "--gate",
            "--statistics",
        )
        assert result.out == _whole(module, run), module
        assert json.loads(result.out)
