"""The handbook as data: the records of a content pack and the loader that validates it.

A pack is a folder (`content/` by default, or `--handbook DIR` / `GDB_HANDBOOK`) with
`handbook.toml` (the pack itself and the thresholds its rules read), `phases.toml`,
`theses.toml`, `vocabulary.toml` and, in sub-folders, rules and methods (loaded by their own
modules through `load_model_file`). A broken file is reported with
its file name, key path and line, never with a traceback.

The pack's parts are plain records (`gdb_cli.pack.records`), validated by pydantic models derived
from them when a file is loaded; this module imports no pydantic, so a warm start (the pack read
from the user cache) creates no pydantic model at all.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from gdb_cli.charter.keypaths import format_path
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog
from gdb_cli.pack.records import After, Record, Spec
from gdb_cli.pack.records import (  # also for the content models of other modules
    L10n as L10n,
)
from gdb_cli.pack.records import (
    NonEmpty as NonEmpty,
)
from gdb_cli.pack.resources import resolve_root
from gdb_cli.toml.positions import lookup
from gdb_cli.toml.read import Document, ReadError, read_document

if TYPE_CHECKING:
    from pydantic import BaseModel

    from gdb_cli.charter.fields import Fields
    from gdb_cli.pack.record_models import Strict as Strict

_ = Catalog(
    {
        "broken": {
            "de": "Handbuch-Paket fehlerhaft: {detail}",
            "en": "Broken handbook pack: {detail}",
        },
        "no_pack": {
            "de": "Kein Handbuch-Paket in {folder} (handbook.toml fehlt). "
            "Prüfen Sie --handbook bzw. GDB_HANDBOOK.",
            "en": "No handbook pack in {folder} (handbook.toml is missing). "
            "Check --handbook or GDB_HANDBOOK.",
        },
        "phase_numbers": {
            "de": "die Phasen müssen lückenlos ab 1 nummeriert sein, gefunden: {numbers}",
            "en": "phases must be numbered 1, 2, 3 … without gaps, found: {numbers}",
        },
        "duplicate": {
            "de": "doppelte Kennung: {ids}",
            "en": "duplicate id: {ids}",
        },
    }
)


def __getattr__(name: str) -> Any:
    """`Strict`, the base of hand-written content models, for modules that define their own."""
    if name == "Strict":
        from gdb_cli.pack.record_models import Strict

        return Strict
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class L10nList(Record):
    de: list[NonEmpty]
    en: list[NonEmpty]


class PackSource(Record):
    title: NonEmpty
    url: NonEmpty


class Pack(Record):
    id: NonEmpty
    name: L10n
    version: NonEmpty
    languages: list[NonEmpty]
    charter_schema_version: int
    key_thesis: int | None = None
    description: L10n | None = None
    attribution: L10n
    sources: list[PackSource] = []  # noqa: RUF012 – a default: copied for every record


class Threshold(Record):
    """A number the rules read from the pack (`[thresholds.NAME]` in `handbook.toml`): what it
    means, whose value it is (`basis`: the handbook, the strategy, the law, or gdb's practice)
    and why. A rule's check refers to it as `{ handbook = "thresholds.NAME" }`."""

    value: Annotated[int | float, Spec(ge=0)]
    label: L10n
    basis: Literal["handbook", "strategy", "law", "practice"]
    note: L10n
    sources: list[NonEmpty] = []  # noqa: RUF012 – a default: copied for every record


class PackFile(Record):
    format: Annotated[int, Spec(ge=1, le=1)]
    pack: Pack
    thresholds: dict[str, Threshold] = {}  # noqa: RUF012 – a default: copied for every record


Number = Annotated[int, Spec(ge=1)]
Sources = Annotated[list[NonEmpty], Spec(min_length=1)]


class Phase(Record):
    number: Number
    key: NonEmpty
    name: L10n
    tagline: L10n | None = None
    purpose: L10n
    result: L10n
    entry: L10n
    step_back: L10n
    formats: L10nList | None = None
    note: L10n | None = None
    sources: Sources


class PhasesFile(Record):
    phases: Annotated[list[Phase], Spec(min_length=1)]

    def verify(self) -> None:
        numbers = [p.number for p in self.phases]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(_("phase_numbers", numbers=numbers))


class Thesis(Record):
    number: Number
    title: L10n
    text: L10n
    provenance: L10n | None = None
    sources: Sources


def _unique_theses(theses: list[Thesis]) -> list[Thesis]:
    _require_unique([str(t.number) for t in theses])
    return theses


class ThesesFile(Record):
    title: L10n
    note: L10n | None = None
    theses: Annotated[list[Thesis], Spec(min_length=1), After(_unique_theses)]


class VocabularyItem(Record):
    id: NonEmpty
    label: L10n
    description: L10n | None = None
    sources: list[NonEmpty] = []  # noqa: RUF012 – a default: copied for every record


def _unique_items(items: list[VocabularyItem]) -> list[VocabularyItem]:
    _require_unique([item.id for item in items])
    return items


class ClosedList(Record):
    description: L10n
    sources: Sources
    items: Annotated[list[VocabularyItem], Spec(min_length=1), After(_unique_items)]

    def ids(self) -> list[str]:
        return [item.id for item in self.items]

    def label(self, item_id: str, lang: str | None = None) -> str:
        for item in self.items:
            if item.id == item_id:
                return item.label.get(lang)
        return item_id


class VocabularyFile(Record):
    lists: dict[str, ClosedList]


def _require_unique(ids: list[str]) -> None:
    seen: set[str] = set()
    dupes = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    if dupes:
        raise ValueError(_("duplicate", ids=", ".join(dupes)))


THRESHOLDS = "thresholds"  # the table of handbook.toml a rule's check can read values from


class Handbook:
    """A loaded, validated content pack."""

    def __init__(
        self,
        root: Path,
        pack: Pack,
        phases: list[Phase],
        theses: ThesesFile,
        vocabulary: dict[str, ClosedList],
        fields: Fields,
        thresholds: dict[str, Threshold] | None = None,
    ) -> None:
        self.root = root
        self.pack = pack
        self.phases = phases
        self.theses = theses
        self.vocabulary = vocabulary
        self.fields = fields  # each charter key's label and description (charter.fields)
        self.thresholds = thresholds or {}  # [thresholds.NAME] of handbook.toml

    def values(self) -> dict[str, int | float]:
        """The pack's values a rule's check may refer to, by key (`thresholds.NAME`)."""
        return {f"{THRESHOLDS}.{name}": t.value for name, t in self.thresholds.items()}

    def threshold(self, key: str) -> Threshold | None:
        """The threshold a reference names (`thresholds.NAME`), if the pack has it."""
        table, _dot, name = key.partition(".")
        return self.thresholds.get(name) if table == THRESHOLDS else None

    def phase(self, number: int) -> Phase | None:
        return next((p for p in self.phases if p.number == number), None)

    def closed(self, name: str) -> ClosedList:
        return self.vocabulary[name]

    def closed_ids(self) -> dict[str, frozenset[str]]:
        """Every closed list as a set of ids, plus `phases` (the phase numbers as text)."""
        ids = {name: frozenset(lst.ids()) for name, lst in self.vocabulary.items()}
        ids["phases"] = frozenset(str(p.number) for p in self.phases)
        return ids


ModelT = TypeVar("ModelT", bound="BaseModel | Record")


def pack_error(detail: str) -> GdbError:
    """The one message for a broken pack: "Broken handbook pack: <detail>" (exit 2)."""
    return GdbError(_("broken", detail=detail))


def pack_error_at(
    shown: str, positions: dict[str, tuple[int, int]], path: str, message: str
) -> GdbError:
    """A broken pack at a key of a content file: `file:line: key: message`."""
    position = lookup(positions, path)
    line = position[0] if position else "?"
    return pack_error(f"{shown}:{line}: {path or '-'}: {message}")


def read_content(path: Path, shown: str) -> Document:
    """Read a content file of the pack; a file that is no valid TOML is a `pack_error`."""
    try:
        return read_document(path, display=shown)
    except ReadError as exc:
        raise pack_error(f"{exc.finding.location()}: {exc.finding.message}") from None


def load_model_file(path: Path, model: type[ModelT], root: Path | None = None) -> ModelT:
    """Read one content file and validate it; any problem is a `GdbError` naming file and key."""
    shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    document = read_content(path, shown)
    return validate_model(document.data, model, shown, document.positions)


def validate_model(
    data: dict[str, Any], model: type[ModelT], shown: str, positions: dict[str, tuple[int, int]]
) -> ModelT:
    from pydantic import BaseModel, ValidationError

    from gdb_cli.pack.record_models import adapter

    try:
        if issubclass(model, BaseModel):
            return model.model_validate(data)
        valid: ModelT = adapter(model).validate_python(data)
        return valid
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise pack_error_at(shown, positions, format_path(error["loc"]), error["msg"]) from None


# 2: plain records instead of pydantic models; 3: modules moved into packages; 4: areas have
# part_of, rules have a structured basis; 5: field texts (fields.toml); 6: L10n in pack.records;
# 7: the rule catalogue carries a slot for its compiled plans; 8: thresholds in handbook.toml
PACK_CACHE_FORMAT = 8
_CORE_FILES = ("handbook.toml", "phases.toml", "theses.toml", "vocabulary.toml", "fields.toml")
# The code that defines and checks the cached records: a changed copy (an editable install
# between versions) must not get records pickled by the old one.
_CODE_FILES = (
    "pack/records.py",
    "pack/handbook.py",
    "engine/catalog.py",
    "engine/named.py",
    "charter/fields.py",
    "charter/model.py",
)


@functools.lru_cache(maxsize=4)
def load_handbook(handbook: Path | None = None) -> Handbook:
    """Load and validate a pack (the bundled one when `handbook` is None).

    The validated pack and its rule catalogue are kept in the user cache (`gdb_cli.pack.cache`) and
    reused while none of their files changed; within one run the result is memoised per folder.
    """
    from gdb_cli.pack import cache

    root = resolve_root(handbook)
    if not (root / "handbook.toml").is_file():
        raise GdbError(_("no_pack", folder=root))
    key = str(root.resolve())
    prints = cache.fingerprint(root, _CORE_FILES, ("rules",))
    prints += cache.fingerprint(Path(__file__).resolve().parents[1], _CODE_FILES)
    hit = cache.read_pickle("pack", PACK_CACHE_FORMAT, key, prints)
    from gdb_cli.engine import catalog as rule_catalog

    if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], Handbook):
        rule_catalog.remember(hit[0], hit[1])
        return hit[0]
    loaded = _validate_pack(root)
    rules = rule_catalog.load_rules(loaded)
    cache.write_pickle("pack", PACK_CACHE_FORMAT, key, prints, (loaded, rules))
    return loaded


def _validate_pack(root: Path) -> Handbook:
    pack_file = load_model_file(root / "handbook.toml", PackFile, root)
    phases = load_model_file(root / "phases.toml", PhasesFile, root).phases
    theses = load_model_file(root / "theses.toml", ThesesFile, root)
    vocabulary = load_model_file(root / "vocabulary.toml", VocabularyFile, root).lists
    from gdb_cli.charter.fields import load_fields

    return Handbook(
        root, pack_file.pack, phases, theses, vocabulary, load_fields(root), pack_file.thresholds
    )
