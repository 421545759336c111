"""The method catalogue as plain, light records – built from the validated index (or its cache).

No pydantic here: these classes are what every `gdb methods` run works with, and a warm start
builds them straight from the JSON index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gdb_cli.i18n import pick

Text = dict[str, str]


@dataclass(frozen=True)
class Method:
    id: str
    kind: str
    name: Text
    purpose: Text
    when: Text
    phases: tuple[int, ...]
    duration: tuple[int, int]
    group_size: tuple[int, int]
    effort: str
    materials: tuple[Text, ...]
    steps: tuple[Text, ...]
    outputs: tuple[Text, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]
    source: str
    sources: tuple[str, ...]
    notes: Text | None
    file: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Method:
        return cls(
            id=data["id"],
            kind=data["kind"],
            name=data["name"],
            purpose=data["purpose"],
            when=data["when"],
            phases=tuple(data["phases"]),
            duration=(data["duration_minutes"]["min"], data["duration_minutes"]["max"]),
            group_size=(data["group_size"]["min"], data["group_size"]["max"]),
            effort=data["effort"],
            materials=tuple(data.get("materials", ())),
            steps=tuple(data["steps"]),
            outputs=tuple(data["outputs"]),
            tags=tuple(data["tags"]),
            related=tuple(data.get("related", ())),
            source=data["source"],
            sources=tuple(data["sources"]),
            notes=data.get("notes"),
            file=data.get("file", ""),
        )

    def title(self, lang: str | None = None) -> str:
        return pick(self.name, lang)


@dataclass(frozen=True)
class Source:
    id: str
    name: Text
    url: str
    licence: str
    attribution: Text


@dataclass(frozen=True)
class Catalogue:
    """Every method of a pack, with the closed tag list, the sources and the pack's phases."""

    root: Path
    methods: tuple[Method, ...]
    tags: dict[str, Text]  # tag id -> label
    sources: dict[str, Source]
    phases: dict[int, Text]  # phase number -> name
    from_cache: bool = False
    folded: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    _by_id: dict[str, Method] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((m.id, m) for m in self.methods)

    @classmethod
    def from_index(cls, root: Path, data: dict[str, Any], from_cache: bool) -> Catalogue:
        return cls(
            root=root,
            methods=tuple(Method.from_dict(m) for m in data["methods"]),
            tags={t["id"]: t["label"] for t in data["tags"]},
            sources={
                s["id"]: Source(s["id"], s["name"], s["url"], s["licence"], s["attribution"])
                for s in data["sources"]
            },
            phases={p["number"]: p["name"] for p in data["phases"]},
            from_cache=from_cache,
            folded=data.get("folded") or {},
        )

    def get(self, method_id: str) -> Method | None:
        return self._by_id.get(method_id)

    def phase_label(self, number: int, lang: str | None = None) -> str:
        name = self.phases.get(number)
        return f"{number} {pick(name, lang)}" if name else str(number)


def method_data(method: Method, catalogue: Catalogue) -> dict[str, Any]:
    """A method as plain data for `--format json` (stable key order)."""
    source = catalogue.sources.get(method.source)
    data: dict[str, Any] = {
        "id": method.id,
        "kind": method.kind,
        "name": dict(method.name),
        "purpose": dict(method.purpose),
        "when": dict(method.when),
        "phases": list(method.phases),
        "duration_minutes": {"min": method.duration[0], "max": method.duration[1]},
        "group_size": {"min": method.group_size[0], "max": method.group_size[1]},
        "effort": method.effort,
        "materials": [dict(t) for t in method.materials],
        "steps": [dict(t) for t in method.steps],
        "outputs": [dict(t) for t in method.outputs],
        "tags": list(method.tags),
        "related": list(method.related),
        "source": method.source,
        "sources": list(method.sources),
        "licence": source.licence if source else None,
        "attribution": dict(source.attribution) if source else None,
    }
    if method.notes:
        data["notes"] = dict(method.notes)
    return data
