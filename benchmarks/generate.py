"""Generate a folder of realistic charters for benchmarks: valid and invalid, mixed.

Each charter is a variant of examples/charter.example.toml (about the same size): ids, titles,
phases, amounts and dates vary; about 20 % break a rule (no mandate, missing indicators …) and
about 10 % carry a schema problem (unknown key, value outside a closed list). Deterministic for a
given seed, so two runs measure the same input.

    python benchmarks/generate.py OUT_DIR COUNT [--seed N] [--varied]

`--varied` makes a portfolio for `gdb report` instead: formats 1 and 2 (some without a phase),
types, fields of action, lead organisations, phases and dates differ per charter; some mandates
expire soon, some milestones are overdue, some budget lines lack an amount, and about 3 % of the
files do not parse.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "charter.example.toml"

_KINDS = ("Portal", "Dashboard", "Register", "Assistent")
_RULE_BREAKS = (
    ('status = "granted"', 'status = "pending"'),
    ('  kind = "output"', '  kind = "outcome"'),
    ("budget_total_eur = 310000", "budget_total_eur = 350000"),
    ('dpia = "done"', 'dpia = "planned"'),
    ("valid_until = 2027-12-31", "valid_until = 2027-01-31"),
)
_SCHEMA_BREAKS = (
    ("[mandate]", "[mandat]"),
    ('type = "dezentral"', 'type = "dezentrall"'),
    ("fte = 0.4", 'fte = "0,4"'),
)


def variant(text: str, number: int, rng: random.Random) -> str:
    """One charter: the example with its own id, title, phase, money and maybe a problem."""
    text = text.replace('id = "regenwasser-dashboard"', f'id = "massnahme-{number:05d}"')
    text = text.replace(
        'title = "Regenwasser-Dashboard für Bezirke"',
        f'title = "Maßnahme {number}: {rng.choice(_KINDS)}"',
    )
    text = re.sub(r"phase = 3\b", f"phase = {rng.randint(1, 5)}", text, count=1)
    factor = rng.randint(1, 9)
    text = text.replace("amount_eur = 180000", f"amount_eur = {180000 * factor}")
    text = text.replace(
        "budget_total_eur = 310000", f"budget_total_eur = {130000 + 180000 * factor}"
    )
    roll = rng.random()
    if roll < 0.2:
        old, new = rng.choice(_RULE_BREAKS)
        text = text.replace(old, new, 1)
    elif roll < 0.3:
        old, new = rng.choice(_SCHEMA_BREAKS)
        text = text.replace(old, new, 1)
    return text


def generate(out: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    base = EXAMPLE.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    per_folder = 500
    for number in range(count):
        folder = out / f"team-{number // per_folder:03d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"charter-{number:05d}.toml"
        path.write_text(variant(base, number, rng), encoding="utf-8")
        paths.append(path)
    return paths


_LEADS = (
    "Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt, Abt. II",
    "Senatskanzlei – CDO",
    "Bezirksamt Pankow",
    "Bezirksamt Neukölln",
    "Bezirksamt Charlottenburg-Wilmersdorf",
    "Senatsverwaltung für Bildung, Jugend und Familie",
    "ITDZ Berlin",
)
_TYPES = ("zentral", "dezentral", "netzwerk")
_FIELDS = (
    "regeneratives-wirtschaften",
    "inklusive-stadtgestaltung",
    "zukunftschancen-fuer-alle",
    "ermoeglichende-verwaltung",
)
_TOPICS = ("Schulanmeldung", "Parkausweis", "Baumkataster", "Wohngeld", "Sportstätten", "Kitaplatz")


def _day(rng: random.Random, first: str, last: str) -> str:
    import datetime as dt

    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return (start + dt.timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def varied(text: str, number: int, rng: random.Random) -> str:
    """One charter of a varied portfolio (see the module docstring)."""
    text = variant(text, number, rng)
    text = text.replace("Maßnahme " + str(number) + ":", f"{rng.choice(_TOPICS)} digital {number}:")
    text = text.replace('type = "dezentral"', f'type = "{rng.choice(_TYPES)}"', 1)
    fields = rng.sample(_FIELDS, rng.randint(1, 2))
    text = re.sub(
        r"fields_of_action = \[[^\]]*\]",
        f"fields_of_action = {fields!r}".replace("'", '"'),
        text,
        count=1,
    )
    text = re.sub(
        r'lead_organisation = "[^"]*"', f'lead_organisation = "{rng.choice(_LEADS)}"', text, count=1
    )
    text = text.replace(
        "entered_phase_on = 2026-09-01",
        f"entered_phase_on = {_day(rng, '2024-06-01', '2026-09-30')}",
    )
    text = text.replace(
        "valid_until = 2027-12-31", f"valid_until = {_day(rng, '2026-08-01', '2028-06-30')}", 1
    )
    text = text.replace("end = 2027-12-31", f"end = {_day(rng, '2026-06-01', '2029-12-31')}", 1)
    text = text.replace(
        'version = "1.1.0"\ndate = 2026-09-01',
        f'version = "1.1.0"\ndate = {_day(rng, "2026-01-01", "2026-09-30")}',
    )
    if rng.random() < 0.3:  # the older charter format 1 (read with a note)
        text = text.replace("schema_version = 2", "schema_version = 1", 1)
    elif rng.random() < 0.1:  # format 2 without a phase: gdb derives it
        text = re.sub(r"\nphase = \d+ ", "\n# phase not stated ", text, count=1)
    if rng.random() < 0.15:
        text = text.replace("amount_eur = 40000\n", "", 1)
    if rng.random() < 0.2:
        text = text.replace('status = "requested"', 'status = "planned"', 1)
    return text


def generate_portfolio(out: Path, count: int, seed: int = 1) -> list[Path]:
    """A varied portfolio (see the module docstring); about 3 % of the files do not parse."""
    rng = random.Random(seed)
    base = EXAMPLE.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = out / f"massnahme-{number:04d}.toml"
        if rng.random() < 0.03:
            path.write_text(base.replace("[mandate]", "[mandate", 1), encoding="utf-8")
        else:
            path.write_text(varied(base, number, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--varied", action="store_true", help="a varied portfolio for gdb report")
    args = parser.parse_args()
    make = generate_portfolio if args.varied else generate
    paths = make(args.out, args.count, args.seed)
    print(f"{len(paths)} charters in {args.out}")


if __name__ == "__main__":
    main()
