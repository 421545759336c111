"""Measure gdb against the framework floor and a generic validator, and write docs/benchmarks.md.

Whole-process runs, medians after warm-up, all in one run on this machine:

- floor: a minimal Typer app with one command, in the same environment;
- gdb --version, --help, a completion request, gdb methods, gdb check of the example;
- gdb check DIR on 1,000 and 10,000 generated charters (benchmarks/generate.py);
- peer: check-jsonschema with the schema from `gdb schema` on the same 1,000 charters
  (it checks the schema only; gdb checks the schema and every rule);
- peak memory (RSS) of the 10,000 run.

    python benchmarks/run.py [--quick] [--write docs/benchmarks.md]

Timings are never asserted in tests; this script only reports them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from sections import write_section  # noqa: E402

FLOOR_APP = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(name)


if __name__ == "__main__":
    app()
"""

_RSS_WRAPPER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


@dataclass
class Measurement:
    name: str
    median: float | None  # seconds
    runs: int
    exit_codes: set[int]
    note: str = ""


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # As after `pip install`: compiled modules are written once and reused. Without .pyc files
    # every run would compile gdb's (editable) sources again, which no installed gdb does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update({"NO_COLOR": "1", "GDB_LANG": "de", "COLUMNS": "100"})
    env.update(extra or {})
    return env


def measure(
    name: str, argv: list[str], runs: int, warmup: int = 2, env: dict[str, str] | None = None
) -> Measurement:
    """Median wall-clock time of `runs` whole-process runs after `warmup` runs."""
    if shutil.which(argv[0]) is None and not Path(argv[0]).exists():
        return Measurement(name, None, 0, set(), f"{argv[0]} not found")
    return measure_interleaved([(name, argv, env)], runs, warmup)[0]


def measure_interleaved(
    commands: list[tuple[str, list[str], dict[str, str] | None]], runs: int, warmup: int = 2
) -> list[Measurement]:
    """Like `measure`, but round-robin over the commands: each round runs every command once."""
    times: dict[str, list[float]] = {name: [] for name, _argv, _env in commands}
    codes: dict[str, set[int]] = {name: set() for name, _argv, _env in commands}
    for index in range(warmup + runs):
        for name, argv, env in commands:
            start = time.perf_counter()
            completed = subprocess.run(
                argv,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=_env(env),
                check=False,
            )
            elapsed = time.perf_counter() - start
            codes[name].add(completed.returncode)
            if index >= warmup:
                times[name].append(elapsed)
    return [
        Measurement(name, statistics.median(times[name]), runs, codes[name])
        for name, _argv, _env in commands
    ]


def peak_rss_mib(argv: list[str]) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _RSS_WRAPPER, *argv],
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
    ).stdout.split()
    return int(out[0]) / 1024, int(out[1])


def _gdb() -> list[str]:
    return [sys.executable, "-m", "gdb_cli"]


def _script(name: str) -> str | None:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else shutil.which(name)


def run(quick: bool) -> tuple[list[Measurement], dict[str, object]]:
    fast_runs = 7 if quick else 31
    big_runs = 1 if quick else 3
    results: list[Measurement] = []
    facts: dict[str, object] = {}
    gdb = _script("gdb")
    if gdb is None:
        raise SystemExit("gdb is not installed in this environment (pip install -e .)")
    with tempfile.TemporaryDirectory(prefix="gdb-bench-") as temp:
        tmp = Path(temp)
        floor = tmp / "floor.py"
        floor.write_text(FLOOR_APP, encoding="utf-8")
        example = ROOT / "examples" / "charter.example.toml"
        small = tmp / "c1000"
        large = tmp / "c10000"
        generate(small, 1000, seed=1)
        generate(large, 10000, seed=2)

        # The start-up measurements run interleaved (one run of each per round), so a change
        # in machine load affects the floor and gdb alike and the ratios stay fair.
        completion_env = {
            "_GDB_COMPLETE": "complete_bash",
            "COMP_WORDS": "gdb methods show ki",
            "COMP_CWORD": "3",
        }
        results.extend(
            measure_interleaved(
                [
                    ("floor (Typer, --help)", [sys.executable, str(floor), "--help"], None),
                    ("floor (Typer, run)", [sys.executable, str(floor)], None),
                    ("gdb --version", [gdb, "--version"], None),
                    ("gdb --help", [gdb, "--help"], None),
                    ("completion request", [gdb], completion_env),
                    ("gdb methods", [gdb, "methods"], None),
                    ("gdb check example", [gdb, "check", str(example)], None),
                ],
                fast_runs,
            )
        )
        check_1000 = measure(
            "gdb check 1,000 --jobs 1", [gdb, "check", "-q", "--jobs", "1", str(small)], big_runs, 1
        )
        results.append(check_1000)
        results.append(
            measure(
                "gdb check 1,000 --jobs 2",
                [gdb, "check", "-q", "--jobs", "2", str(small)],
                big_runs,
                warmup=1,
            )
        )
        results.append(
            measure(
                "gdb check 10,000 --jobs 1",
                [gdb, "check", "-q", "--jobs", "1", str(large)],
                big_runs,
                warmup=0,
            )
        )
        results.append(
            measure(
                "gdb check 10,000 --jobs 2",
                [gdb, "check", "-q", "--jobs", "2", str(large)],
                big_runs,
                warmup=0,
            )
        )
        rss, code = peak_rss_mib([gdb, "check", "-q", "--jobs", "1", str(large)])
        facts["peak_rss_mib_10000"] = round(rss, 1)
        facts["exit_10000"] = code

        schema = tmp / "charter.schema.json"
        made = subprocess.run(
            [gdb, "schema", "-o", str(schema)], env=_env(), capture_output=True, check=False
        )
        peer = _script("check-jsonschema")
        if made.returncode != 0:
            results.append(
                Measurement("peer: check-jsonschema 1,000", None, 0, set(), "gdb schema failed")
            )
        elif peer is None:
            results.append(
                Measurement(
                    "peer: check-jsonschema 1,000", None, 0, set(), "pip install check-jsonschema"
                )
            )
        else:
            files = sorted(str(p) for p in small.rglob("*.toml"))
            results.append(
                measure(
                    "peer: check-jsonschema 1,000",
                    [peer, "--schemafile", str(schema), *files],
                    big_runs,
                    warmup=1,
                )
            )
    return results, facts


def _by_name(results: list[Measurement]) -> dict[str, Measurement]:
    return {m.name: m for m in results}


def targets(
    results: list[Measurement], facts: dict[str, object]
) -> list[tuple[str, str, bool | None]]:
    m = _by_name(results)

    def ratio(a: str, b: str) -> float | None:
        x, y = m.get(a), m.get(b)
        if x is None or y is None or x.median is None or y.median is None:
            return None
        return x.median / y.median

    def best(*names: str) -> str:
        known = [m[n] for n in names if n in m and m[n].median is not None]
        return min(known, key=lambda x: x.median or 0).name if known else names[0]

    rows: list[tuple[str, str, bool | None]] = []

    def row(label: str, value: float | None, limit: float, unit: str = "×") -> None:
        text = "n/a" if value is None else f"{value:.2f}{unit} (target ≤ {limit}{unit})"
        rows.append((label, text, None if value is None else value <= limit))

    row("--version vs floor", ratio("gdb --version", "floor (Typer, run)"), 1.15)
    row("--help vs floor --help", ratio("gdb --help", "floor (Typer, --help)"), 1.15)
    row("completion vs floor", ratio("completion request", "floor (Typer, run)"), 1.15)
    row("gdb methods vs floor", ratio("gdb methods", "floor (Typer, run)"), 1.3)
    row("check one charter vs floor", ratio("gdb check example", "floor (Typer, run)"), 1.5)
    fastest_1000 = best("gdb check 1,000 --jobs 1", "gdb check 1,000 --jobs 2")
    peer_ratio = ratio("peer: check-jsonschema 1,000", fastest_1000)
    rows.append(
        (
            f"peer / {fastest_1000}",
            "n/a" if peer_ratio is None else f"{peer_ratio:.2f}× faster (target ≥ 2×)",
            None if peer_ratio is None else peer_ratio >= 2,
        )
    )
    fastest_10000 = best("gdb check 10,000 --jobs 1", "gdb check 10,000 --jobs 2")
    linear = ratio(fastest_10000, fastest_1000)
    row(f"{fastest_10000} / {fastest_1000}", linear, 11)
    rss = facts.get("peak_rss_mib_10000")
    rows.append(
        (
            "peak RSS, 10,000 charters",
            f"{rss} MiB (target ≤ 150 MiB)",
            isinstance(rss, float) and rss <= 150,
        )
    )
    return rows


START = "<!-- speed benchmark: start -->"
END = "<!-- speed benchmark: end -->"


def markdown(results: list[Measurement], facts: dict[str, object]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu = platform.processor() or platform.machine()
    lines = [
        START,
        "# Benchmarks",
        "",
        "Produced by `python benchmarks/run.py --write docs/benchmarks.md` (whole-process runs,",
        "medians after warm-up; inputs generated by `benchmarks/generate.py`). Numbers from one",
        "run; compare ratios, not seconds, across machines.",
        "",
        f"- date: {now}",
        f"- machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()}",
        "",
        "| measurement | median | runs | exit codes | note |",
        "|---|---:|---:|---|---|",
    ]
    for m in results:
        median = "–" if m.median is None else f"{m.median * 1000:.0f} ms"
        codes = ", ".join(str(c) for c in sorted(m.exit_codes)) or "–"
        lines.append(f"| {m.name} | {median} | {m.runs} | {codes} | {m.note} |")
    lines += [
        "",
        "Peak RSS of `gdb check --jobs 1` on 10,000 charters: "
        f"{facts.get('peak_rss_mib_10000')} MiB.",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for label, text, met in targets(results, facts):
        lines.append(f"| {label} | {text} | {'yes' if met else ('–' if met is None else 'no')} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--write", type=Path, help="replace this benchmark's section of this Markdown file"
    )
    args = parser.parse_args()
    results, facts = run(args.quick)
    report = markdown(results, facts)
    if args.write:
        write_section(args.write, report, START, END, first=True)
    print(report)


if __name__ == "__main__":
    main()
