"""The one sandboxed Jinja environment (StrictUndefined, autoescape, no loader) and its error kinds.

Jinja is imported here only; compose will render its templates with this environment too.
"""

from __future__ import annotations

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.runtime import Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = ["SecurityError", "TemplateSyntaxError", "Undefined", "UndefinedError", "make_env", "undeclared_names"]


def make_env() -> ImmutableSandboxedEnvironment:
    # Autoescape is set explicitly: select_autoescape would not match our template names.
    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True, loader=None)


def undeclared_names(env: ImmutableSandboxedEnvironment, source: str) -> set[str]:
    """The free names of one expression."""
    return meta.find_undeclared_variables(env.parse(f"{{{{ {source} }}}}"))
