"""gdb – plan and check a measure the way the Gemeinsam Digital: Berlin handbook asks."""

import os as _os

__version__ = "0.1.0"

# gdb uses no pydantic plugins. Looking for them scans every installed distribution's entry
# points on the first model build – about a tenth of a second at each start. An explicit
# setting by the user wins.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
