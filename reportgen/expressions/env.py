"""The sandboxed Jinja environments (StrictUndefined, autoescape): narrative expressions and document templates.

Jinja is imported here only; compose renders its templates with `template_env`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = ["SecurityError", "TemplateError", "TemplateSyntaxError", "Undefined", "UndefinedError", "make_env",
           "template_env", "calls",
           "undeclared_names"]


class _Env(ImmutableSandboxedEnvironment):
    """No arithmetic on figures ('a' * 10**9 would run for minutes): the vocabulary's functions only."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])
    intercepted_unops = frozenset(["+", "-"])

    def call_binop(self, context, operator, left, right):
        raise SecurityError(f"phép tính '{operator}' không dùng trong biểu thức")

    def call_unop(self, context, operator, arg):
        raise SecurityError(f"phép tính '{operator}' không dùng trong biểu thức")


def make_env() -> ImmutableSandboxedEnvironment:
    # Autoescape is set explicitly: select_autoescape would not match our template names.
    env = _Env(undefined=StrictUndefined, autoescape=True, loader=None)
    env.globals.clear()  # no range(), lipsum(), dict(): only the names the vocabulary gives
    return env


def undeclared_names(env: ImmutableSandboxedEnvironment, source: str) -> set[str]:
    """The free names of one expression."""
    return meta.find_undeclared_variables(env.parse(f"{{{{ {source} }}}}"))


def calls(env: ImmutableSandboxedEnvironment, source: str) -> list[tuple[str, str, list, dict]]:
    """Each call `f(bieu01.col, "text", key="text")` of one expression: the function's name, the dotted name of
    its first argument, its other literal arguments and its literal keyword arguments (what names rows)."""
    found = []
    for call in env.parse(f"{{{{ {source} }}}}").find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or not call.args:
            continue
        literal = [a.value for a in call.args[1:] if isinstance(a, nodes.Const)]
        keywords = {k.key: k.value.value for k in call.kwargs if isinstance(k.value, nodes.Const)}
        found.append((call.node.name, _dotted(call.args[0]), literal, keywords))
    return found


def _dotted(node) -> str:
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return node.name if isinstance(node, nodes.Name) else ""


def template_env(folder: Path, filters: dict) -> ImmutableSandboxedEnvironment:
    """Our own templates: sandboxed too, autoescaped as XML markup, loaded only from `folder`."""
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True, loader=FileSystemLoader(folder),
                                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.globals.clear()
    env.filters.update(filters)
    return env
