"""Findings: one problem in one file at one key path, as every command reports it.

A finding is plain data (no rich, no pydantic) so that loaders, the rule engine and all
renderers can share it. `message` is already in the active language.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields, replace

# Codes that mean "this input could not be read as a charter at all" (exit 2), as opposed to
# findings about its content (exit 1 when failing).
INPUT_CODES: frozenset[str] = frozenset({"IO001", "ENC001", "TOML001", "SCH006", "SCH007"})


@dataclass(frozen=True, slots=True)  # slots: a portfolio check holds many thousands
class Finding:
    code: str
    severity: str
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    file: str | None = None
    applies_from: int | None = None
    hint: str | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        """Pickled as its constructor's arguments: `gdb check --jobs N` sends thousands of
        findings from worker processes; this loads about twice as fast as slot state."""
        return (Finding, _arguments(self))

    @property
    def is_input_problem(self) -> bool:
        return self.code in INPUT_CODES

    def at(
        self, file: str | None = None, line: int | None = None, column: int | None = None
    ) -> Finding:
        """A copy with a location filled in (keeps what is already set)."""
        return replace(
            self,
            file=self.file or file,
            line=self.line if self.line is not None else line,
            column=self.column if self.column is not None else column,
        )

    def location(self) -> str:
        """`file:line:col` (parts that are unknown are left out)."""
        parts = [self.file or "-"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


# The fields in constructor order (a tuple: one C call per finding).
_arguments = operator.attrgetter(*(f.name for f in fields(Finding)))
