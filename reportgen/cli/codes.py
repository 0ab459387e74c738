"""The exit codes of every command (README's table; a test holds the two equal), from the module the page shares."""

from reportgen.exit_codes import (EXIT_CANT_WRITE as EXIT_CANT_WRITE, EXIT_FAILED as EXIT_FAILED,
                                  EXIT_INPUT as EXIT_INPUT, EXIT_INTERNAL as EXIT_INTERNAL, EXIT_OK as EXIT_OK,
                                  EXIT_PIPE as EXIT_PIPE, EXIT_USAGE as EXIT_USAGE)
