"""One module per `gdb` sub-command; each exposes `register(app)`."""
