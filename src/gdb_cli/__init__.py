"""gdb – plan and check a measure the way the Gemeinsam Digital: Berlin handbook asks."""

__version__ = "0.1.0"
