"""Peak memory and time of `gdb check` and `gdb report` in every format on 10,000 charters.

Targets (issue "gdb report"): at most 150 MiB peak RSS in every format of both commands, and
`gdb report` at most 1.3x the time of `gdb check` on the same files. Whole-process runs with
`--jobs 1` (one process: its peak is the whole program's), output to a file or /dev/null; inputs
from `benchmarks/generate.py` (seed 2, as `benchmarks/run.py`). Run it niced on a shared machine.

    python benchmarks/portfolio.py [--count N] [--write docs/benchmarks.md]

`--write` replaces the section between the portfolio markers in that file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from sections import write_section  # noqa: E402

CHECK_FORMATS = ("text", "json", "sarif", "github", "markdown")
REPORT_FORMATS = ("markdown", "json", "html", "csv", "xlsx", "site")
START = "<!-- portfolio benchmark: start -->"
END = "<!-- portfolio benchmark: end -->"
LIMIT_MIB = 150.0
LIMIT_RATIO = 1.3

_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, elapsed, code)
"""


def measure(argv: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MiB, seconds, exit code) of one run."""
    env = {**os.environ, "NO_COLOR": "1", "GDB_LANG": "de"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *argv], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    return int(out[0]) / 1024, float(out[1]), int(out[2])


def run(count: int) -> list[tuple[str, float, float, int]]:
    gdb = [sys.executable, "-m", "gdb_cli"]
    rows: list[tuple[str, float, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="gdb-portfolio-") as temp:
        tmp = Path(temp)
        charters = tmp / "charters"
        generate(charters, count, seed=2)
        common = ["--jobs", "1", "--as-of", "2026-10-01"]
        measure([*gdb, "check", "-q", *common, str(charters)])  # warm-up: caches, .pyc
        for name in CHECK_FORMATS:
            result = measure([*gdb, "check", "--format", name, *common, str(charters)])
            rows.append((f"check --format {name}", *result))
        for name in REPORT_FORMATS:
            out = tmp / ("site" if name == "site" else f"report.{name}")
            result = measure(
                [*gdb, "report", "--format", name, "-o", str(out), *common, str(charters)]
            )
            rows.append((f"report --format {name}", *result))
    return rows


def markdown(rows: list[tuple[str, float, float, int]], count: int) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    check_time = next(
        seconds for name, _rss, seconds, _code in rows if name == "check --format text"
    )
    lines = [
        START,
        f"## Portfolio: `check` and `report` in every format on {count:,} charters",
        "",
        "Produced by `python benchmarks/portfolio.py --write docs/benchmarks.md` (one run per",
        f"format, `--jobs 1`, niced; {now}; {platform.system()} {platform.release()},",
        f"{os.cpu_count()} cores, Python {platform.python_version()}). Targets: peak RSS ≤ "
        f"{LIMIT_MIB:.0f} MiB in every format; `report` ≤ {LIMIT_RATIO}× the time of `check`.",
        "",
        "| run | peak RSS | met | time | vs check text | exit |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for name, rss, seconds, code in rows:
        ratio = seconds / check_time if check_time else 0.0
        shown = f"{ratio:.2f}×" + (
            "" if not name.startswith("report") else (" ✓" if ratio <= LIMIT_RATIO else " ✗")
        )
        met = "yes" if rss <= LIMIT_MIB else "no"
        lines.append(f"| {name} | {rss:.1f} MiB | {met} | {seconds:.1f} s | {shown} | {code} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--write", type=Path, help="replace the portfolio section of this file")
    args = parser.parse_args()
    text = markdown(run(args.count), args.count)
    if args.write:
        write_section(args.write, text, START, END)
    print(text)


if __name__ == "__main__":
    main()
