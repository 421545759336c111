"""`gdb check` without the command line: find the charters, evaluate them, count the results.

Paths may be files or folders; a folder means every `*.toml` below it (hidden folders skipped;
symlinked folders are not followed; FIFOs, sockets and devices are skipped with a note).
A TOML file with neither `schema_version` nor any of the charter's sections (`[measure]`,
`[[goals]]` …) is not a charter and is skipped with a note – named on the command line, found in a
folder or handed over by a pre-commit hook alike (`charter-notes.toml`). The path `-` is the
charter on standard input (shown under `--stdin-filename`). Renderers get a `CheckRun` and turn it
into text, JSON, SARIF, GitHub annotations or Markdown.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdb_cli.engine import Counts
from gdb_cli.errors import GdbError
from gdb_cli.i18n import Catalog

_ = Catalog(
    {
        "worker_died": {
            "de": "Ein Prüfprozess wurde unerwartet beendet (zu wenig Speicher?). "
            "Mit --jobs 1 prüft gdb in einem einzigen Prozess.",
            "en": "A checking process ended unexpectedly (out of memory?). "
            "With --jobs 1 gdb checks in a single process.",
        },
    }
)

if TYPE_CHECKING:
    from gdb_cli.charter.load import LoadedCharter
    from gdb_cli.engine import Report
    from gdb_cli.engine.catalog import RuleCatalog
    from gdb_cli.pack.handbook import Handbook


STDIN = Path("-")  # the path that means "the charter on standard input"


@dataclass(frozen=True)
class Target:
    path: Path
    shown: str
    from_folder: bool
    content: bytes | None = None  # read already (standard input); None: read `path`


@dataclass
class CheckRun:
    """Everything a renderer needs."""

    reports: list[Report] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files that are not charters
    not_regular: list[str] = field(default_factory=list)  # FIFOs, sockets, devices in folders
    catalog: RuleCatalog | None = None
    handbook: Handbook | None = None
    statistics: bool = False
    gate: bool = False
    strict: bool = False
    as_of: dt.date | None = None

    @property
    def exit_code(self) -> int:
        if any(r.input_error for r in self.reports):
            return 2
        return 1 if any(r.failing for r in self.reports) else 0

    def summary(self) -> dict[str, int]:
        """The run's counts as the `summary` of the JSON output (this key order)."""
        return {
            "files": len(self.reports),
            **asdict(Counts.of(self.reports)),
            "input_errors": sum(1 for r in self.reports if r.input_error),
            "not_found": sum(1 for r in self.reports if r.not_found),
            "skipped": len(self.skipped),
        }

    def statistics_rows(self) -> list[dict[str, Any]]:
        """Per code: how often it was reported and how often it is open, most frequent first."""
        counts: dict[str, list[int]] = {}
        for report in self.reports:
            for finding in report.findings:
                counts.setdefault(finding.code, [0, 0])[0] += 1
            for finding in report.open:
                counts.setdefault(finding.code, [0, 0])[1] += 1
        rows = [
            {"code": code, "title": self.title(code), "count": pair[0], "open": pair[1]}
            for code, pair in counts.items()
        ]
        return sorted(rows, key=lambda row: (-row["count"], -row["open"], row["code"]))

    def title(self, code: str, lang: str | None = None) -> str:
        from gdb_cli.engine.fixed import FIXED_CODES
        from gdb_cli.i18n import pick

        fixed = FIXED_CODES.get(code)
        if fixed is not None:
            return pick(fixed.title, lang)
        rule = self.catalog.get(code) if self.catalog else None
        return rule.title.get(lang) if rule else code


def collect(paths: Sequence[Path], stdin_name: str | None = None) -> list[Target]:
    """Files to check, in the order given; folders expanded (sorted), duplicates dropped.
    `-` is standard input (read here, once), shown as `stdin_name` (default `-`)."""
    targets: list[Target] = []
    seen: set[str] = set()

    def add(target: Target) -> None:
        try:
            key = str(target.path.resolve())
        except (OSError, RuntimeError):
            key = str(target.path)
        if key not in seen:
            seen.add(key)
            targets.append(target)

    for path in paths:
        if path == STDIN:
            if "-" not in seen:
                seen.add("-")
                targets.append(Target(STDIN, stdin_name or "-", False, read_stdin()))
        elif path.is_dir():
            for found in _toml_files(path):
                add(Target(found, str(found), True))
        else:
            add(Target(path, str(path), False))
    return targets


def read_stdin() -> bytes:
    """Standard input's bytes, at most `MAX_BYTES` (+1, so that more is noticed)."""
    import sys

    from gdb_cli.toml.read import MAX_BYTES

    return sys.stdin.buffer.read(MAX_BYTES + 1)


def _toml_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / name
            for name in sorted(files)
            if name.endswith(".toml") and not name.startswith(".")
        )
    return found


def _is_regular(path: Path) -> bool:
    """A regular file (through symlinks), or gone: a FIFO, socket or device found in a folder
    is skipped – reading a FIFO would wait for a writer forever. A file that vanished is left to
    the reader, which reports it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def is_charter_data(data: dict[str, Any]) -> bool:
    """A charter says so (`schema_version`) or has at least one of the charter's sections."""
    from gdb_cli.charter.validator import sections

    return "schema_version" in data or not sections().isdisjoint(data)


# Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 200


def effective_jobs(jobs: int, files: int) -> int:
    """How many processes to use: `jobs` (0 = automatic: every core when there are many files)."""
    if jobs == 0:
        jobs = os.cpu_count() or 1 if files >= PARALLEL_THRESHOLD else 1
    return max(1, min(jobs, files, 64))


@dataclass(frozen=True)
class _Job:
    """What every file's check needs besides the file (shared with worker processes)."""

    handbook: Handbook
    catalog: RuleCatalog
    closed: dict[str, frozenset[str]]
    as_of: dt.date
    gate: bool
    strict: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    # `gdb report`: what to keep of each charter besides its report (runs where the file was
    # read, so a worker sends back only this small summary, never the charter's data)
    extract: Callable[[LoadedCharter, Report, Handbook], Any] | None = None


_job: _Job | None = None  # set before worker processes are forked


def _check_target(target: Target, job: _Job | None = None) -> tuple[str, Any]:
    """Check one file: ("skip", shown) for a TOML file that is not a charter, ("special", shown)
    for a FIFO, socket or device found in a folder, else ("report", …)."""
    from gdb_cli.engine import evaluate

    job = job or _job
    assert job is not None
    if target.from_folder and not _is_regular(target.path):
        return ("special", target.shown)
    loaded = _load(target, job.closed)
    document = loaded.document
    if document is not None and not is_charter_data(document.data):
        return ("skip", target.shown)
    report = evaluate(
        loaded,
        job.handbook,
        as_of=job.as_of,
        gate=job.gate,
        select=job.select,
        ignore=job.ignore,
        strict=job.strict,
        catalog=job.catalog,
    )
    if job.extract is not None:
        return ("report", job.extract(loaded, report, job.handbook))
    return ("report", report)


def _load(target: Target, closed: dict[str, frozenset[str]]) -> LoadedCharter:
    from gdb_cli.charter.load import decode_bytes, load_charter

    if target.content is None:
        return load_charter(target.path, closed, display=target.shown)
    from gdb_cli.toml.read import MAX_BYTES

    if len(target.content) > MAX_BYTES:
        from gdb_cli.charter.load import LoadedCharter
        from gdb_cli.toml.read import too_large

        return LoadedCharter(target.shown, None, [too_large(target.shown)])
    return decode_bytes(target.content, target.shown, closed)


def _in_order(targets: list[Target], job: _Job, workers: int) -> Iterator[tuple[str, Any]]:
    """Results in the order of `targets`, computed by `workers` processes when more than one."""
    if workers <= 1:
        for target in targets:
            yield _check_target(target, job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _job
    _job = job  # forked workers inherit the loaded pack instead of loading it again
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows, macOS default): one process is correct, just slower
        yield from (_check_target(t, job) for t in targets)
        return
    _prepare_for_fork()
    # Small chunks: the last ones end at nearly the same time (a chunk of 16 is ~50 ms of work).
    chunk = max(1, min(16, len(targets) // (workers * 8)))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_in_worker)
    try:
        # Not `pool.map`: on a stop it cancels the queued futures while the pool's own thread may
        # be failing them (a worker died), which Python 3.11 reports as a traceback
        # (InvalidStateError). These futures are never cancelled, only failed by the pool.
        batches = [
            pool.submit(_check_batch, targets[i : i + chunk]) for i in range(0, len(targets), chunk)
        ]
        for batch in batches:
            yield from batch.result()
    except BrokenProcessPool:  # a worker was killed (SIGKILL, out of memory …)
        _stop_workers(pool)
        raise GdbError(_("worker_died")) from None
    except BaseException:  # Ctrl-C, SIGTERM, or the reader stopped early: no worker left behind
        _stop_workers(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        gc.unfreeze()
        _job = None


def _check_batch(targets: list[Target]) -> list[tuple[str, Any]]:
    return [_check_target(target) for target in targets]


def _in_worker() -> None:
    """A worker leaves stopping to the parent: it ignores Ctrl-C (the parent stops the pool)
    and dies at once on SIGTERM (its inherited handler would raise inside the pool's loop)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop_workers(pool: Any) -> None:
    """End the worker processes now (the pool then fails what is still queued)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()  # a worker ignores SIGINT; SIGKILL also ends one stuck in a write
    # Wait for the pool's own thread to notice and clean up: left running, Python 3.11 would
    # try to wake it at exit through a closed pipe and print a traceback (OSError EBADF).
    pool.shutdown(wait=True)


def _prepare_for_fork() -> None:
    """Load once what every worker needs (the charter validator, the rule plan) and move the
    objects so far out of the garbage collector's sight: a collection in a worker would
    otherwise touch, and so copy, every page it inherited."""
    import gdb_cli.charter.load
    import gdb_cli.engine.plan  # noqa: F401
    from gdb_cli.charter import validator as charter_validator

    charter_validator.validator()
    charter_validator.closed_list_fields()
    gc.freeze()


def run_check(
    paths: Sequence[Path],
    handbook: Handbook,
    *,
    as_of: dt.date,
    gate: bool = False,
    strict: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    statistics: bool = False,
    jobs: int = 1,
    stdin_name: str | None = None,
) -> CheckRun:
    """Check every charter below `paths`; `jobs` processes (0 = automatic), same output order.
    The path `-` is the charter on standard input, shown as `stdin_name`."""
    from gdb_cli.engine.catalog import load_rules

    catalog = load_rules(handbook)
    run = CheckRun(
        catalog=catalog,
        handbook=handbook,
        statistics=statistics,
        gate=gate,
        strict=strict,
        as_of=as_of,
    )
    job = _Job(
        handbook, catalog, handbook.closed_ids(), as_of, gate, strict, tuple(select), tuple(ignore)
    )
    targets = collect(paths, stdin_name)
    for kind, value in _in_order(targets, job, effective_jobs(jobs, len(targets))):
        if kind == "skip":
            run.skipped.append(value)
        elif kind == "special":
            run.not_regular.append(value)
        else:
            run.reports.append(value)
    return run


def iter_extracted(
    paths: Sequence[Path],
    handbook: Handbook,
    extract: Callable[[LoadedCharter, Report, Handbook], Any],
    *,
    as_of: dt.date,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, Any]]:
    """Like `run_check`, but one result at a time and only what `extract` keeps of each charter:
    ("report", extract(loaded, report, handbook)), ("skip", shown) or ("special", shown).
    `progress(total)` is called once the files are known."""
    from gdb_cli.engine.catalog import load_rules

    catalog = load_rules(handbook)
    job = _Job(handbook, catalog, handbook.closed_ids(), as_of, False, False, (), (), extract)
    targets = collect(paths)
    if progress is not None:
        progress(len(targets))
    yield from _in_order(targets, job, effective_jobs(jobs, len(targets)))
