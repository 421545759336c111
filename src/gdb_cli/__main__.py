"""`python -m gdb_cli` – the same as the `gdb` command."""

from gdb_cli.cli import main

if __name__ == "__main__":
    main()
