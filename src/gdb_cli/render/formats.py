"""The output formats a listing command can offer."""

from __future__ import annotations

from enum import StrEnum


class ListFormat(StrEnum):
    text = "text"
    json = "json"
