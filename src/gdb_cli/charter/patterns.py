"""Patterns for charter values that several modules check: one definition each.

Used by the charter model (`charter.py`), the JSON Schema (`schema.py`, via the model) and the
wizard's answer checks, so `gdb check`, `gdb schema` and `gdb init` accept exactly the same values.
The patterns are written so that ECMAScript (JSON Schema `pattern`) reads them the same way.
"""

from __future__ import annotations

import re

# Ids: lower-case letters, digits and hyphens, starting with a letter or digit.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# E-mail: no spaces or ,;()<>[]" anywhere, a domain of non-empty labels separated by dots, and a
# top-level domain of at least two letters (`name@ba-pankow,berlin.de` is refused).
EMAIL_RE = re.compile(r'^[^@\s,;()<>\[\]"]+@(?:[^@\s,;()<>\[\]".]+\.)+[A-Za-z]{2,}$')

# A web address: http(s)://, a host without spaces, then anything without spaces.
URL_RE = re.compile(r"^https?://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$")
