"""Evaluates one {{ expression }} in the sandbox, turning every failure into a Vietnamese message."""

from __future__ import annotations

from reportgen.expressions.env import (SecurityError, TemplateSyntaxError, Undefined, UndefinedError, make_env,
                                       undeclared_names)
from reportgen.expressions.vocabulary import FILTERS, ExpressionError, NamedFigures
from reportgen.model.plan import Figure



class Evaluator:
    def __init__(self, names: dict[str, object]) -> None:
        self.env = make_env()
        self.env.filters.update(FILTERS)
        self.names = names

    def figure(self, source: str) -> Figure:
        """The value of `source`; raises ExpressionError or ExpressionMismatch with the reason."""
        try:
            if self._undeclared(source):
                raise self._unknown(source)
            result = self.env.compile_expression(source, undefined_to_none=False)(**self.names)
        except TemplateSyntaxError as exc:
            raise ExpressionError(f"Biểu thức sai cú pháp ({exc.message}). {self._how()}") from None
        except SecurityError:
            raise ExpressionError("Biểu thức dùng thứ không được phép (phép tính, thuộc tính ẩn, hàm hệ thống). "
                                  f"{self._how()}") from None
        except UndefinedError:
            raise self._unknown(source) from None
        except (TypeError, ValueError, AttributeError):
            raise ExpressionError(f"Biểu thức dùng phép tính hay hàm không có trong từ vựng. {self._how()}") from None
        except ZeroDivisionError:
            raise ExpressionError("Biểu thức chia cho 0.") from None
        except (ArithmeticError, MemoryError, OverflowError, RecursionError):
            raise ExpressionError("Biểu thức tính ra số quá lớn hoặc không tính được.") from None
        if isinstance(result, Undefined):
            raise self._unknown(source)
        if isinstance(result, NamedFigures):
            raise ExpressionError(f"'{source.strip()}' là một nhóm tên: {result.hint()}")
        if not isinstance(result, Figure):
            raise ExpressionError("Biểu thức phải cho ra một con số (ví dụ tong(bieu01.xa_ntm.kh_2020)).")
        return result

    def _undeclared(self, source: str) -> list[str]:
        try:
            return sorted(undeclared_names(self.env, source) - set(self.names))
        except TemplateSyntaxError:
            return []  # compile_expression will say what is wrong

    def _how(self) -> str:
        """Every name this narrative may use (a report's too: ky, thuc_hien, nhiem_vu, …) and the functions."""
        names = sorted(n for n, v in self.names.items() if not callable(v))
        functions = sorted(n for n, v in self.names.items() if callable(v))
        return (f"Chỉ dùng các tên {', '.join(names)} (cột của biểu: bieu01.<cột>.<cột con>) và các hàm "
                f"{', '.join(functions)} (xem README).")

    def _unknown(self, source: str) -> ExpressionError:
        """Names the expression uses that do not exist: the message shows the first, the error carries all."""
        unknown = self._undeclared(source)
        if not unknown:
            return ExpressionError(f"Biểu thức dùng một thuộc tính không có hoặc không được phép. {self._how()}")
        return ExpressionError(f"Không có tên '{unknown[0]}'. Các tên dùng được: {', '.join(sorted(self.names))}.",
                               tuple(unknown))
