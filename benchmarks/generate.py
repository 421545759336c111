"""Generate a folder of realistic charters for benchmarks: valid and invalid, mixed.

Each charter is a variant of examples/charter.example.toml (about the same size): ids, titles,
phases, amounts and dates vary; about 20 % break a rule (no mandate, missing indicators …) and
about 10 % carry a schema problem (unknown key, value outside a closed list). Deterministic for a
given seed, so two runs measure the same input.

    python benchmarks/generate.py OUT_DIR COUNT [--seed N]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out, args.count, args.seed)
    print(f"{len(paths)} charters in {args.out}")


if __name__ == "__main__":
    main()
