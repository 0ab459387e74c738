"""reportgen: Vietnamese official documents (Kế hoạch, Báo cáo, Biểu) from reconciled data."""

__version__ = "0.1.0"
