"""Languages: which one is active and the German/English message catalogues.

The active language is chosen once per run: `--lang`, then `GDB_LANG`, then the locale
(`LC_ALL`, `LC_MESSAGES`, `LANG`), German when none says otherwise. Every module keeps its own
user-facing texts in a `Catalog`, which refuses a text that lacks one of the languages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "de"

_active: str = DEFAULT_LANGUAGE


def normalise(value: str | None) -> str | None:
    """Map `de`, `de_DE.UTF-8`, `EN`, `en-GB` … to a supported language, else None."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else None


def resolve(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Pick the language: explicit option, then GDB_LANG, then the locale, then German."""
    env = os.environ if environ is None else environ
    for candidate in (cli_value, env.get("GDB_LANG")):
        lang = normalise(candidate)
        if lang:
            return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return normalise(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _active
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    _active = lang


def get_language() -> str:
    return _active


def pick(text: Mapping[str, str], lang: str | None = None) -> str:
    """Choose one language from a {de, en} mapping, falling back to German, then any."""
    lang = lang or _active
    if text.get(lang):
        return text[lang]
    if DEFAULT_LANGUAGE in text:
        return text[DEFAULT_LANGUAGE]
    return next(iter(text.values()), "")


class Catalog:
    """A module's messages: `key -> {"de": ..., "en": ...}`, formatted with `str.format`."""

    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        for key, texts in messages.items():
            missing = [lang for lang in LANGUAGES if not texts.get(lang)]
            if missing:
                raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        self._messages = messages

    def __call__(self, key: str, /, lang: str | None = None, **params: object) -> str:
        text = self._messages[key][lang or _active]
        return text.format(**params) if params else text

    def both(self, key: str, /, **params: object) -> dict[str, str]:
        """The message in every language (for data that is rendered later)."""
        return {lang: self(key, lang=lang, **params) for lang in LANGUAGES}

    def keys(self) -> list[str]:
        return list(self._messages)


# --- "did you mean …" ------------------------------------------------------------------------

#: How alike (difflib's ratio, 0–1) a known name must be to a mistyped one to be suggested.
SUGGEST_CUTOFF = 0.6

_suggest = Catalog(
    {
        "did_you_mean": {"de": " Meinten Sie {names}?", "en": " Did you mean {names}?"},
        "or": {"de": "oder", "en": "or"},
    }
)


def close_matches(word: str, candidates: Iterable[str], limit: int = 1) -> list[str]:
    """The known names most like `word`, best first (one cutoff for all of gdb); a name that
    differs only in upper/lower case counts as close."""
    import difflib

    options = list(candidates)
    found = difflib.get_close_matches(word, options, n=limit, cutoff=SUGGEST_CUTOFF)
    if not found:
        same = [option for option in options if option.lower() == word.lower()]
        found = same[:limit]
    return found


def did_you_mean(names: Sequence[str], lang: str | None = None) -> str:
    """` Meinten Sie „a“?` / ` Did you mean “a” or “b”?` (appended to a message); "" for none."""
    if not names:
        return ""
    lang = lang or _active
    quoted = [f"„{name}“" if lang == "de" else f"“{name}”" for name in names]
    joined = quoted[0]
    if len(quoted) > 1:
        joined = ", ".join(quoted[:-1]) + f" {_suggest('or', lang=lang)} " + quoted[-1]
    return _suggest("did_you_mean", lang=lang, names=joined)
