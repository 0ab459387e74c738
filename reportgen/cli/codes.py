"""The exit codes of every command (README's table; a test holds the two equal)."""

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE, EXIT_CANT_WRITE = 0, 1, 2, 3, 64, 73
EXIT_PIPE = 141  # 128 + SIGPIPE: what other Unix tools give when their output pipe closes
