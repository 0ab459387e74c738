"""Evaluates one {{ expression }} in the sandbox, turning every failure into a Vietnamese message."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.runtime import Undefined

from reportgen.expressions.env import make_env
from reportgen.expressions.vocabulary import FILTERS, ExpressionError
from reportgen.model import Figure


class Evaluator:
    def __init__(self, names: dict[str, object]) -> None:
        self.env = make_env()
        self.env.filters.update(FILTERS)
        self.names = names

    def figure(self, source: str) -> Figure:
        """The value of `source`; raises ExpressionError or ExpressionMismatch with the reason."""
        try:
            if self._undeclared(source):
                raise ExpressionError(self._unknown(source))
            compiled = self.env.compile_expression(source, undefined_to_none=False)
            result = compiled(**self.names)
        except TemplateSyntaxError as exc:
            raise ExpressionError(f"Biểu thức sai cú pháp: {exc.message}.") from None
        except SecurityError:
            raise ExpressionError("Biểu thức dùng thứ không được phép (thuộc tính ẩn, hàm hệ thống).") from None
        except UndefinedError:
            raise ExpressionError(self._unknown(source)) from None
        except TypeError as exc:
            raise ExpressionError(f"Biểu thức dùng sai hàm: {exc}.") from None
        except ArithmeticError:
            raise ExpressionError("Biểu thức chia cho 0 hoặc tính không được.") from None
        if isinstance(result, Undefined):
            raise ExpressionError(self._unknown(source))
        if not isinstance(result, Figure):
            raise ExpressionError("Biểu thức phải cho ra một con số (ví dụ tong(bieu01.xa_ntm.kh_2020)).")
        return result

    def _undeclared(self, source: str) -> list[str]:
        return sorted(meta.find_undeclared_variables(self.env.parse(f"{{{{ {source} }}}}")) - set(self.names))

    def _unknown(self, source: str) -> str:
        unknown = self._undeclared(source)
        known = ", ".join(sorted(self.names))
        name = f"'{unknown[0]}'" if unknown else "một tên"
        return f"Không có tên {name}. Các tên dùng được: {known}."
