"""TOML text: read (bytes, encodings, syntax errors), key positions, atomic writes."""
