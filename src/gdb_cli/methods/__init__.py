"""The method catalogue: records, loading (validated once, then cached), search, recommendations.

Importing this package is cheap (stdlib only). Submodules:
`records` (light dataclasses), `store` (load + JSON index cache), `models` (pydantic validation,
cold path only), `search` (accent-folding search and ranking), `recommend` (`--for` a charter),
`browser` (the interactive `--pick` browser; the only place that imports questionary).
"""
