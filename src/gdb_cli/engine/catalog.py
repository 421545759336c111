"""The rule catalogue as data: records of `<pack>/rules/*.toml` and their loader.

`_areas.toml` lists the areas (id, code prefix, label, whether thesis 6 demands it, and the area
it is part of, if any); every other
`*.toml` file not starting with `_` holds `[[rules]]`. The loader checks what a single file cannot:
codes are unique across files, every rule's area exists and its code starts with the area's
prefix, `applies_from` is one of the pack's phases, named Python checks exist and get only the
parameters they know, and a parameter that names a value of the pack (`{ handbook =
"thresholds.NAME" }`) finds it in `handbook.toml`, of the right type. A broken catalogue is a
`GdbError` naming the file (exit 2), never a traceback. See `content/rules/_FORMAT.md` for
the format.

Rules, areas and checks are plain records (`gdb_cli.pack.records`), validated by pydantic models
derived from them when the files are loaded; a warm start reads them from the user cache and
imports no pydantic model.
"""

from __future__ import annotations

import string
import weakref
from pathlib import Path
from typing import Annotated, Any, Literal

from gdb_cli.charter.keypaths import PathError, parse
from gdb_cli.i18n import Catalog
from gdb_cli.pack.handbook import Handbook as HandbookT
from gdb_cli.pack.handbook import L10n, load_model_file, pack_error
from gdb_cli.pack.records import After, NonEmpty, Record, Spec

_ = Catalog(
    {
        "bad_path": {
            "de": "ungültiger Schlüsselpfad „{path}“",
            "en": "invalid key path “{path}”",
        },
        "bad_placeholder": {
            "de": "unbekannter Platzhalter {{{name}}} (erlaubt: {allowed})",
            "en": "unknown placeholder {{{name}}} (allowed: {allowed})",
        },
        "bad_template": {
            "de": "Meldungsvorlage fehlerhaft: {detail}",
            "en": "broken message template: {detail}",
        },
        "condition_one": {
            "de": "eine Bedingung braucht genau eines von equals, not_equals, present, "
            "phase_at_least, all, any",
            "en": "a condition needs exactly one of equals, not_equals, present, "
            "phase_at_least, all, any",
        },
        "condition_path": {
            "de": "diese Bedingung braucht „path“",
            "en": "this condition needs “path”",
        },
        "no_areas": {
            "de": "{folder} enthält Regeln, aber keine _areas.toml.",
            "en": "{folder} holds rules but no _areas.toml.",
        },
        "problem": {
            "de": "{file}: {code}: {detail}",
            "en": "{file}: {code}: {detail}",
        },
        "duplicate_code": {
            "de": "Code doppelt vergeben (auch in {other})",
            "en": "code used twice (also in {other})",
        },
        "unknown_area": {
            "de": "unbekannter Bereich „{area}“ (bekannt: {known})",
            "en": "unknown area “{area}” (known: {known})",
        },
        "wrong_prefix": {
            "de": "der Code muss mit dem Präfix des Bereichs „{area}“ beginnen: {prefix}",
            "en": "the code must start with the prefix of area “{area}”: {prefix}",
        },
        "bad_phase": {
            "de": "applies_from = {phase}, das Handbuch-Paket hat aber nur die Phasen 1–{last}",
            "en": "applies_from = {phase}, but the handbook pack only has phases 1–{last}",
        },
        "unknown_part_of": {
            "de": "part_of = „{value}“ ist kein Bereich (bekannt: {known})",
            "en": "part_of = “{value}” is not an area (known: {known})",
        },
        "practice_error": {
            "de": 'eine Regel mit basis.kind = "practice" (eine Empfehlung) darf kein Fehler '
            "sein: nur Handbuch, Strategie, Gesetz und Stimmigkeit dürfen blockieren",
            "en": 'a rule with basis.kind = "practice" (a recommendation) cannot be an error: '
            "only handbook, strategy, law and consistency may block",
        },
        "duplicate_area": {
            "de": "Bereich oder Präfix doppelt: {value}",
            "en": "area or prefix used twice: {value}",
        },
        "unknown_check": {
            "de": "unbekannte Python-Prüfung „{name}“ (bekannt: {known})",
            "en": "unknown Python check “{name}” (known: {known})",
        },
        "unknown_param": {
            "de": "Python-Prüfung „{name}“ kennt den Parameter „{param}“ nicht (bekannt: {known})",
            "en": "Python check “{name}” has no parameter “{param}” (known: {known})",
        },
        "missing_param": {
            "de": "Python-Prüfung „{name}“ braucht den Parameter „{param}“",
            "en": "Python check “{name}” needs the parameter “{param}”",
        },
        "bad_param": {
            "de": "Python-Prüfung „{name}“: Parameter „{param}“ hat den falschen Typ",
            "en": "Python check “{name}”: parameter “{param}” has the wrong type",
        },
        "unknown_value": {
            "de": "Python-Prüfung „{name}“: Parameter „{param}“ verweist auf „{key}“, "
            "das handbook.toml nicht enthält ([{key}] mit value = … eintragen; vorhanden: "
            "{known})",
            "en": "Python check “{name}”: parameter “{param}” refers to “{key}”, which "
            "handbook.toml does not hold (add [{key}] with value = …; present: {known})",
        },
        "bad_value": {
            "de": "Python-Prüfung „{name}“: Parameter „{param}“ verweist auf „{key}“ in "
            "handbook.toml, dessen Wert {value} dort nicht passt",
            "en": "Python check “{name}”: parameter “{param}” refers to “{key}” in "
            "handbook.toml, whose value {value} does not fit there",
        },
    }
)

PLACEHOLDERS: frozenset[str] = frozenset(
    {"value", "path", "phase", "count", "min", "limit", "detail"}
)
AS_OF = "$as_of"


def _check_path(value: str) -> str:
    try:
        parse(value)
    except PathError:
        raise ValueError(_("bad_path", path=value)) from None
    return value


def _check_date_path(value: str) -> str:
    return value if value == AS_OF else _check_path(value)


KeyPath = Annotated[str, After(_check_path)]
DatePath = Annotated[str, After(_check_date_path)]


# --- conditions and checks ---------------------------------------------------------------------


class Condition(Record):
    """`when.if`: a test on one value, the phase, or a combination of conditions."""

    path: KeyPath | None = None
    equals: Any = None
    not_equals: Any = None
    present: bool | None = None
    phase_at_least: Annotated[int | None, Spec(ge=1)] = None
    all_of: Annotated[list[Condition] | None, Spec(alias="all", min_length=1)] = None
    any_of: Annotated[list[Condition] | None, Spec(alias="any", min_length=1)] = None

    def verify(self) -> None:
        given = [
            name
            for name in ("equals", "not_equals", "present", "phase_at_least", "all_of", "any_of")
            if getattr(self, name) is not None
        ]
        if len(given) != 1:
            raise ValueError(_("condition_one"))
        if given[0] in ("equals", "not_equals", "present") and self.path is None:
            raise ValueError(_("condition_path"))


class RequiredCheck(Record):
    kind: Literal["required"]
    path: KeyPath


class MinItemsCheck(Record):
    kind: Literal["min_items"]
    path: KeyPath
    min: Annotated[int, Spec(ge=0)]


class ItemsHaveCheck(Record):
    kind: Literal["items_have"]
    path: KeyPath
    keys: Annotated[list[NonEmpty], Spec(min_length=1)]
    where: Annotated[dict[str, Any], Spec(min_length=1)] | None = None  # only matching items


class EqualsCheck(Record):
    kind: Literal["equals"]
    path: KeyPath
    value: Any


class AnyItemCheck(Record):
    kind: Literal["any_item"]
    path: KeyPath
    where: Annotated[dict[str, Any], Spec(min_length=1)]


class DateOrderCheck(Record):
    kind: Literal["date_order"]
    first: DatePath
    second: DatePath
    strict: bool = False


class SumEqualsCheck(Record):
    kind: Literal["sum_equals"]
    items: KeyPath
    total: KeyPath
    tolerance: Annotated[float, Spec(ge=0)] = 0.5


class PythonCheck(Record):
    """A named Python check (`engine.named`); every other key is one of its parameters."""

    extra = "allow"

    kind: Literal["python"]
    name: NonEmpty

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.extra_values)

    def verify(self) -> None:
        from gdb_cli.engine import named

        spec = named.REGISTRY.get(self.name)
        if spec is None:
            raise ValueError(_("unknown_check", name=self.name, known=", ".join(named.REGISTRY)))
        for param, value in self.params.items():
            if param not in spec.params:
                raise ValueError(
                    _("unknown_param", name=self.name, param=param, known=", ".join(spec.params))
                )
            if not named.param_ok(spec.params[param], value):
                raise ValueError(_("bad_param", name=self.name, param=param))
        for param in named.missing_params(self.name, self.params):
            raise ValueError(_("missing_param", name=self.name, param=param))


class WhenCheck(Record):
    kind: Literal["when"]
    if_: Annotated[Condition, Spec(alias="if")]
    then: Check


Check = Annotated[
    RequiredCheck
    | MinItemsCheck
    | ItemsHaveCheck
    | EqualsCheck
    | AnyItemCheck
    | WhenCheck
    | DateOrderCheck
    | SumEqualsCheck
    | PythonCheck,
    Spec(discriminator="kind"),
]


# --- rules and areas -----------------------------------------------------------------------------


class Example(Record):
    bad: NonEmpty
    good: NonEmpty


def _placeholders(message: L10n) -> L10n:
    for text in (message.de, message.en):
        try:
            names = [name for _t, name, _s, _c in string.Formatter().parse(text) if name]
        except ValueError as exc:
            raise ValueError(_("bad_template", detail=exc)) from None
        for name in names:
            if name not in PLACEHOLDERS:
                raise ValueError(
                    _("bad_placeholder", name=name, allowed=", ".join(sorted(PLACEHOLDERS)))
                )
    return message


class Basis(Record):
    """Whose requirement a rule is (`gdb_cli.engine.basis`) and where it is written."""

    kind: Literal["handbook", "strategy", "law", "consistency", "practice"]
    page: Annotated[str, Spec(pattern=r"^https?://")]
    section: L10n | None = None
    text: L10n


class Rule(Record):
    code: Annotated[str, Spec(pattern=r"^[A-Z]{2,5}[0-9]{3}$")]
    area: NonEmpty
    severity: Literal["error", "warning", "info"]
    applies_from: Annotated[int, Spec(ge=1)]
    title: L10n
    message: Annotated[L10n, After(_placeholders)]
    rationale: L10n
    fix: L10n
    basis: Basis
    sources: Annotated[list[NonEmpty], Spec(min_length=1)]
    methods: Annotated[list[NonEmpty], Spec(default_factory=list)]
    example: Example | None = None
    check: Check

    def verify(self) -> None:
        if self.basis.kind == "practice" and self.severity == "error":
            raise ValueError(_("practice_error"))

    @property
    def recommendation(self) -> bool:
        """A `practice` rule: good practice gdb recommends, never blocking."""
        return self.basis.kind == "practice"


class RulesFile(Record):
    rules: Annotated[list[Rule], Spec(default_factory=list)]


class Area(Record):
    id: NonEmpty
    prefix: Annotated[str, Spec(pattern=r"^[A-Z]{2,5}$")]
    label: L10n
    thesis6: bool = False
    part_of: str | None = None  # another area this one belongs to (the mandate: responsibility)
    description: L10n | None = None


class AreasFile(Record):
    areas: Annotated[list[Area], Spec(min_length=1)]


class RuleCatalog:
    """Every rule of a pack, in file order, with its areas (a plain class: no import cost)."""

    def __init__(
        self,
        rules: list[Rule] | None = None,
        areas: list[Area] | None = None,
        files: dict[str, str] | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        self.rules = rules or []
        self.areas = areas or []
        self.files = files or {}  # code -> file it came from
        self.values = values or {}  # the pack's values checks refer to (`Handbook.values()`)
        self._by_code = {rule.code: rule for rule in self.rules}
        self._areas = {area.id: area for area in self.areas}
        self.compiled: Any = None  # the engine's compiled plans (`engine.plan`), built on use

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (into the user cache) without the compiled plans: functions do not pickle."""
        return {**self.__dict__, "compiled": None}

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code)

    def area(self, area_id: str) -> Area | None:
        return self._areas.get(area_id)

    def codes(self) -> list[str]:
        return [rule.code for rule in self.rules]


_cache: weakref.WeakKeyDictionary[HandbookT, RuleCatalog] = weakref.WeakKeyDictionary()


def remember(handbook: HandbookT, catalog: RuleCatalog) -> None:
    """Use `catalog` for `handbook` (both restored together from the user cache)."""
    _cache[handbook] = catalog


def load_rules(handbook: HandbookT) -> RuleCatalog:
    """The validated rule catalogue of a pack (cached per loaded pack)."""
    cached = _cache.get(handbook)
    if cached is None:
        cached = load_rules_from(
            handbook.root / "rules", handbook.root, len(handbook.phases), handbook.values()
        )
        _cache[handbook] = cached
    return cached


def load_rules_from(
    folder: Path, root: Path, phases: int, values: dict[str, Any] | None = None
) -> RuleCatalog:
    """Load `folder` (a pack's `rules/`); an absent folder is an empty catalogue. `values`: the
    pack's values the checks may refer to (`Handbook.values()`)."""
    values = values or {}
    if not folder.is_dir():
        return RuleCatalog(values=values)
    rule_files = sorted(p for p in folder.glob("*.toml") if not p.name.startswith("_"))
    areas_file = folder / "_areas.toml"
    if not areas_file.is_file():
        if rule_files:
            raise pack_error(_("no_areas", folder=folder))
        return RuleCatalog(values=values)
    areas = load_model_file(areas_file, AreasFile, root).areas
    shown_areas = _shown(areas_file, root)
    seen: set[str] = set()
    for area in areas:
        for value in (area.id, area.prefix):
            if value in seen:
                raise pack_error(
                    _(
                        "problem",
                        file=shown_areas,
                        code=area.id,
                        detail=_("duplicate_area", value=value),
                    )
                )
            seen.add(value)
    by_id = {area.id: area for area in areas}
    for area in areas:
        if area.part_of is not None and (area.part_of not in by_id or area.part_of == area.id):
            why = _("unknown_part_of", value=area.part_of, known=", ".join(by_id))
            raise pack_error(_("problem", file=shown_areas, code=area.id, detail=why))
    rules: list[Rule] = []
    files: dict[str, str] = {}
    for path in rule_files:
        shown = _shown(path, root)
        for rule in load_model_file(path, RulesFile, root).rules:
            detail = _rule_problem(rule, by_id, files, phases) or _reference_problem(
                rule.check, values
            )
            if detail:
                raise pack_error(_("problem", file=shown, code=rule.code, detail=detail))
            rules.append(rule)
            files[rule.code] = shown
    return RuleCatalog(rules, areas, files, values)


def references(check: Any) -> list[tuple[str, str, str]]:
    """(check name, parameter, key) for each parameter of a check that names a pack value
    (`{ handbook = "thresholds.NAME" }`), also inside a `when`."""
    from gdb_cli.engine import named

    if check.kind == "when":
        return references(check.then)
    if check.kind != "python":
        return []
    found = []
    for param, value in check.params.items():
        key = named.reference(value)
        if key is not None:
            found.append((check.name, param, key))
    return found


def _reference_problem(check: Any, values: dict[str, Any]) -> str | None:
    from gdb_cli.engine import named

    for name, param, key in references(check):
        if key not in values:
            return _(
                "unknown_value", name=name, param=param, key=key, known=", ".join(values) or "–"
            )
        if not named.param_ok(named.REGISTRY[name].params[param], values[key]):
            return _("bad_value", name=name, param=param, key=key, value=values[key])
    return None


def _rule_problem(
    rule: Rule, areas: dict[str, Area], files: dict[str, str], phases: int
) -> str | None:
    if rule.code in files:
        return _("duplicate_code", other=files[rule.code])
    area = areas.get(rule.area)
    if area is None:
        return _("unknown_area", area=rule.area, known=", ".join(areas))
    if not rule.code.startswith(area.prefix) or not rule.code[len(area.prefix) :].isdigit():
        return _("wrong_prefix", area=area.id, prefix=area.prefix)
    if rule.applies_from > phases:
        return _("bad_phase", phase=rule.applies_from, last=phases)
    return None


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
