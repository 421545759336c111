"""The charter wizard behind `gdb init`: the questionnaire as data and its two drivers.

- `catalogue`: the questionnaire (`content/wizard.toml` of the pack), validated with pydantic.
Key paths and patterns (`goals[*].statement`) are `gdb_cli.charter.keypaths`.

- `values`: turning typed text (prompt answers, `--set key=value`) into charter values.
- `validators`: one set of checks, used while typing and for scripted answers.
- `plan`: walking the questionnaire over the answers: defaults, conditions, required answers.
- `interactive`: the questionary driver (imported only when a person is asked).
- `recovery`, `update`, `summary`: nothing lost on Ctrl-C, comment-preserving edits, the views.
"""
