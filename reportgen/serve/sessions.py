"""Password sessions held by the server (a copied cookie dies at logout or after a working day) and a limit on wrong
passwords per client that answers at once instead of holding a worker thread."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque

LIFETIME = 12 * 3600          # seconds a login lasts: a working day
WINDOW = 300                  # wrong passwords are counted over the last five minutes
PER_CLIENT = 5                # wrong passwords one address may try in that window
# No limit over all addresses together: it would let anyone lock the whole office out with a few wrong tries from a
# few machines. Behind a proxy every clerk has the proxy's address unless `serve --proxy` names it (waitress then
# takes the client's address from X-Forwarded-For).


class Logins:
    """The live login ids (in the signed cookie, so logout on the server ends them) and the wrong tries."""

    def __init__(self, password: str | None) -> None:
        self._password = password
        self._lock = threading.Lock()
        self._live: dict[str, float] = {}
        self._wrong: dict[str, deque[float]] = {}

    @property
    def required(self) -> bool:
        return self._password is not None

    def wait_before(self, client: str) -> int:
        """Seconds this client must wait before trying again (0: it may try now)."""
        now = time.monotonic()
        with self._lock:
            tries = self._recent(self._wrong.get(client, deque()), now)
            return int(tries[0] + WINDOW - now) + 1 if len(tries) >= PER_CLIENT else 0

    def sign_in(self, client: str, given: str) -> str | None:
        """A new login id when `given` is the password (compared in constant time); None, counted, when not."""
        if self._password is not None and hmac.compare_digest(given.encode("utf-8"), self._password.encode("utf-8")):
            login, now = secrets.token_urlsafe(24), time.monotonic()
            with self._lock:   # logins never presented again (a closed browser) are forgotten once expired
                self._live = {old: at for old, at in self._live.items() if now - at <= LIFETIME}
                self._live[login] = now
            return login
        now = time.monotonic()
        with self._lock:
            self._wrong.setdefault(client, deque()).append(now)
            if len(self._wrong) > 10_000:   # a flood of addresses must not grow the table for ever
                self._wrong = {c: q for c, q in self._wrong.items() if self._recent(q, now)}
        return None

    def valid(self, login: object) -> bool:
        with self._lock:
            started = self._live.get(login) if isinstance(login, str) else None
            if started is not None and time.monotonic() - started > LIFETIME:
                del self._live[login]
                return False
            return started is not None

    def sign_out(self, login: object) -> None:
        with self._lock:
            if isinstance(login, str):
                self._live.pop(login, None)

    @staticmethod
    def _recent(tries: deque[float], now: float) -> deque[float]:
        while tries and tries[0] < now - WINDOW:
            tries.popleft()
        return tries
