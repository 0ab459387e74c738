"""The exit code of every outcome (README's table), shared by the front doors: the CLI returns it, the page shows
its state; the pipeline's results compute theirs from these numbers."""

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE, EXIT_CANT_WRITE = 0, 1, 2, 3, 64, 73
EXIT_STOPPED = 130  # 128 + SIGINT: Ctrl-C in a terminal, or the page's stop button
EXIT_PIPE = 141  # 128 + SIGPIPE: what other Unix tools give when their output pipe closes
