"""The fixed codes of the loader (input and schema problems): not in the catalogue, always there.

Used to explain them (`gdb rules TOML001`), to describe them in SARIF, and to accept them in
`--select` / `--ignore`. Plain data, no pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FixedCode:
    code: str
    title: dict[str, str]
    rationale: dict[str, str]
    fix: dict[str, str]
    input_problem: bool  # True: the file cannot be checked at all (exit 2)
    severity: str = "error"  # "info" for the notes on a charter's phase and format
    message: dict[str, str] | None = None  # the finding's text, when it is not the rationale


_SCHEMA_WHY = {
    "de": "gdb liest die Charta nach einem festen Format (schema_version 2, ältere Chartas im "
    "Format 1); was nicht dazu passt, kann nicht zuverlässig geprüft werden.",
    "en": "gdb reads the charter in a fixed format (schema_version 2, older charters in format 1); "
    "what does not fit cannot be checked reliably.",
}
_READ_WHY = {
    "de": "Die Datei kann nicht als Charta gelesen werden; sie wird nicht weiter geprüft.",
    "en": "The file cannot be read as a charter; it is not checked any further.",
}

# How gdb derives a charter's phase (`engine.derive_phase`), said once; SCH009 and SCH010 show it.
_DERIVED_WHY = {
    "de": "Ohne „phase“ unter [measure] leitet gdb die Phase aus der Charta ab: eins nach der "
    "höchsten Phase, deren Ergebnisse alle vorliegen, von Phase 1 an gezählt. Die Ergebnisse "
    "einer Phase liest gdb an den Regeln ab, die ihr Verlassen blockieren: Sie liegen vor, wenn "
    "keine davon offen ist – genau was „gdb check --gate“ in dieser Phase verlangt (die Fehler "
    "mit „Gilt ab“ = nächste Phase); eine begründete Ausnahme unter [[exceptions]] zählt wie "
    "dort. Warnungen und Hinweise zählen nicht: Sie blockieren keinen Phasenwechsel.",
    "en": "Without “phase” under [measure], gdb derives the phase from the charter: one past "
    "the highest phase whose results are all there, counted from phase 1. gdb reads a phase's "
    "results from the rules that block leaving it: they are there when none of those is open – "
    "exactly what “gdb check --gate” asks in that phase (the errors that apply from the next "
    "phase); a justified exception under [[exceptions]] counts as it does there. Warnings and "
    "infos do not count: they block no change of phase.",
}

FIXED_CODES: dict[str, FixedCode] = {
    fixed.code: fixed
    for fixed in (
        FixedCode(
            "IO001",
            {"de": "Datei nicht lesbar", "en": "File not readable"},
            _READ_WHY,
            {
                "de": "Pfad prüfen; mit „gdb init“ eine neue Charta anlegen.",
                "en": "Check the path; “gdb init” creates a new charter.",
            },
            True,
        ),
        FixedCode(
            "ENC001",
            {"de": "Nicht in UTF-8 gespeichert", "en": "Not saved as UTF-8"},
            _READ_WHY,
            {
                "de": "Die Datei im Editor mit der Kodierung „UTF-8“ speichern.",
                "en": "Save the file with the “UTF-8” encoding in your editor.",
            },
            True,
        ),
        FixedCode(
            "TOML001",
            {"de": "TOML-Syntaxfehler", "en": "TOML syntax error"},
            _READ_WHY,
            {
                "de": "Die genannte Zeile korrigieren: Texte in Anführungszeichen, "
                "Datumsangaben ohne (2026-06-30), jeder Schlüssel nur einmal.",
                "en": "Fix the line named: text in quotes, dates without (2026-06-30), "
                "each key only once.",
            },
            True,
        ),
        FixedCode(
            "SCH001",
            {"de": "Unbekannter Schlüssel", "en": "Unknown key"},
            _SCHEMA_WHY,
            {
                "de": "Tippfehler korrigieren (gdb schlägt den nächstliegenden Namen vor) oder "
                "den Schlüssel entfernen.",
                "en": "Fix the typo (gdb suggests the closest name) or remove the key.",
            },
            False,
        ),
        FixedCode(
            "SCH002",
            {"de": "Pflichtangabe fehlt", "en": "Required key missing"},
            _SCHEMA_WHY,
            {
                "de": "Den genannten Schlüssel ergänzen.",
                "en": "Add the key named.",
            },
            False,
        ),
        FixedCode(
            "SCH003",
            {"de": "Falscher Typ", "en": "Wrong type"},
            _SCHEMA_WHY,
            {
                "de": "Den Wert im erwarteten Typ schreiben (Text in Anführungszeichen, Zahlen "
                "und Datumsangaben ohne).",
                "en": "Write the value in the expected type (text in quotes, numbers and dates "
                "without).",
            },
            False,
        ),
        FixedCode(
            "SCH004",
            {"de": "Wert nicht in der Auswahlliste", "en": "Value not in the closed list"},
            _SCHEMA_WHY,
            {
                "de": "Einen der genannten zulässigen Werte verwenden.",
                "en": "Use one of the allowed values named.",
            },
            False,
        ),
        FixedCode(
            "SCH005",
            {"de": "Ungültiger Wert", "en": "Invalid value"},
            _SCHEMA_WHY,
            {
                "de": "Den Wert nach dem Hinweis in der Meldung korrigieren.",
                "en": "Correct the value as the message says.",
            },
            False,
        ),
        FixedCode(
            "SCH006",
            {"de": "schema_version zu neu", "en": "schema_version too new"},
            _READ_WHY,
            {
                "de": "gdb aktualisieren (pip install --upgrade gdb-charter).",
                "en": "Update gdb (pip install --upgrade gdb-charter).",
            },
            True,
        ),
        FixedCode(
            "SCH007",
            {"de": "schema_version fehlt", "en": "schema_version missing"},
            _READ_WHY,
            {
                "de": "Als erste Zeile „schema_version = 2“ eintragen.",
                "en": "Add “schema_version = 2” as the first line.",
            },
            True,
        ),
        FixedCode(
            "SCH009",
            {"de": "Phase aus den Belegen abgeleitet", "en": "Phase derived from the evidence"},
            _DERIVED_WHY,
            {
                "de": "Wenn die Phase bekannt ist, „phase = N“ unter [measure] eintragen.",
                "en": "When the phase is known, enter “phase = N” under [measure].",
            },
            False,
            "info",
            {
                "de": "Die Charta nennt keine Phase; nach den Belegen ist es Phase {derived} "
                "(eins nach der höchsten Phase, deren Ergebnisse alle vorliegen). gdb prüft "
                "danach.",
                "en": "The charter states no phase; the evidence shows phase {derived} (one past "
                "the highest phase whose results are all there). gdb checks against it.",
            },
        ),
        FixedCode(
            "SCH010",
            {"de": "Phase und Belege passen nicht", "en": "Phase and evidence disagree"},
            {
                "de": "Die genannte Phase liegt mehr als eine Phase von der, die die Belege "
                "zeigen, entfernt. " + _DERIVED_WHY["de"],
                "en": "The stated phase is more than one phase away from the one the evidence "
                "shows. " + _DERIVED_WHY["en"],
            },
            {
                "de": "Phase prüfen: fehlen Ergebnisse früherer Phasen in der Charta, oder ist die "
                "Maßnahme weiter, als angegeben?",
                "en": "Check the phase: are results of earlier phases missing from the charter, "
                "or is the measure further along than stated?",
            },
            False,
            "info",
            {
                "de": "Die Charta nennt Phase {stated}, die Belege zeigen Phase {derived} – mehr "
                "als eine Phase Unterschied.",
                "en": "The charter states phase {stated}, the evidence shows phase {derived} – "
                "more than one phase apart.",
            },
        ),
        FixedCode(
            "SCH008",
            {"de": "Älteres Charta-Format", "en": "Older charter format"},
            {
                "de": "Die Charta ist im Format 1 geschrieben. gdb prüft sie weiter, aber erst "
                "Format 2 kann ungefähre Daten („2023-02“), mehrere Beschlüsse, Partner, "
                "Förderzeiträume und den Stand der Maßnahme festhalten (gdb-Empfehlung).",
                "en": "The charter is written in format 1. gdb keeps checking it, but only "
                "format 2 can record partial dates (“2023-02”), several decisions, partners, "
                "funding periods and the measure's state (gdb recommendation).",
            },
            {
                "de": "„gdb migrate DATEI“ ausführen: schreibt die Charta als Format 2 um, "
                "Kommentare bleiben erhalten, die alte Fassung bleibt als .bak.",
                "en": "Run “gdb migrate FILE”: rewrites the charter as format 2, comments are "
                "kept, the old version stays as .bak.",
            },
            False,
            "info",
        ),
    )
}
