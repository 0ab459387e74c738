"""The one sandboxed Jinja environment: StrictUndefined, autoescape, no loaders, no file access."""

from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment


def make_env() -> ImmutableSandboxedEnvironment:
    # Autoescape is set explicitly: select_autoescape would not match our template names.
    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True, loader=None)
