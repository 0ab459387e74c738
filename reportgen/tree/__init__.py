"""The Document tree: what compose builds and every writer walks."""
