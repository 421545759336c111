"""Numbers, amounts and percentages as people read them, per language.

German `310.000 €`, `0,5`, `40 %`; English `€310,000`, `0.5`, `40%`. Never `-0`. One place for
every command (check messages, status, export, the interview). Stdlib only.
"""

from __future__ import annotations

from gdb_cli.i18n import get_language

_SWAP = str.maketrans({",": ".", ".": ","})


def german_separators(text: str) -> str:
    """`1,234.5` (Python's formatting) → `1.234,5`: swap thousands and decimal separators."""
    return text.translate(_SWAP)


def _no_negative_zero(text: str) -> str:
    if text.startswith("-") and not any(c in "123456789" for c in text):
        return text[1:]
    return text


def format_number(
    value: float | None,
    lang: str | None = None,
    decimals: int | None = None,
    *,
    exact: bool = False,
) -> str:
    """1234567.5 → "1.234.567,5" (de) / "1,234,567.5" (en); whole numbers without decimals.

    Up to two decimals, or `decimals`; `exact`: every digit the value has (a value a person edits
    and gdb reads back, as in the interview)."""
    if value is None:
        return ""
    lang = lang or get_language()
    if exact and not float(value).is_integer():
        from decimal import Decimal

        text = f"{Decimal(repr(value)):,f}"
    else:
        if decimals is None:
            decimals = 0 if float(value).is_integer() else 2
        text = f"{value:,.{decimals}f}"
        if decimals and "." in text:
            text = text.rstrip("0").rstrip(".")
    text = _no_negative_zero(text)
    if lang == "de":
        text = german_separators(text)
    return text


def format_amount(value: float | None, lang: str | None = None, *, symbol: bool = True) -> str:
    """An amount in euros: "310.000 €" (de) / "€310,000" (en); cents only when there are any.
    Without `symbol` the number alone ("310.000", "1.500,50")."""
    if value is None:
        return ""
    lang = lang or get_language()
    if float(value).is_integer():
        number = format_number(value, lang, 0)
    else:  # cents always with two digits: 5,50 €
        number = _no_negative_zero(f"{value:,.2f}")
        if lang == "de":
            number = german_separators(number)
    if not symbol:
        return number
    if lang == "de":
        return f"{number} €"
    return f"-€{number[1:]}" if number.startswith("-") else f"€{number}"


def format_percent(percent: float | None, lang: str | None = None, decimals: int = 0) -> str:
    """A percentage (40 means 40 %): "40 %" (de) / "40%" (en), rounded, never "-0"."""
    if percent is None:
        return ""
    lang = lang or get_language()
    number = format_number(round(percent, decimals), lang, decimals)
    return f"{number} %" if lang == "de" else f"{number}%"


def format_target(value: float | list[float] | None, lang: str | None = None) -> str:
    """An indicator target: a number, or a range `[12, 20]` as "12–20"."""
    if isinstance(value, list):
        if len(value) == 2:
            return f"{format_number(value[0], lang)}–{format_number(value[1], lang)}"
        return ""
    return format_number(value, lang)
