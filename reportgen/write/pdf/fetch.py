"""The URL fetcher of every WeasyPrint layout we make: it fetches nothing."""

from __future__ import annotations

from weasyprint.urls import URLFetcher


class RefusingFetcher(URLFetcher):
    """Fetches nothing: our HTML names no outside resource, so any request is a bug or an injection."""

    def __init__(self) -> None:
        # fail_on_errors turns a refusal into FatalURLFetchingError: rendering stops instead of a silent hole.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url, headers=None):
        raise ValueError(f"reportgen không tải tài nguyên ngoài: {url}")
