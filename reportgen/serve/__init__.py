"""`reportgen serve`: a small server-rendered site in Vietnamese that drives the pipeline for clerks (see routes.py)."""

from __future__ import annotations

import atexit
import secrets
import shutil
import tempfile
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from reportgen.serve.guard import install_guard
from reportgen.serve.jobs import Jobs
from reportgen.serve.sessions import LIFETIME, Logins
from reportgen.serve import access, receive, routes  # noqa: F401 - importing them adds their views
from reportgen.serve.site import pages

MAX_UPLOAD_BYTES = 64 * 1024 * 1024     # one request: the returns of a whole province fit (a form is ~20 KB)
MAX_UPLOAD_FILES = 200                  # files in one upload (the sample expects 32)
STATES_FILE = ".reportgen-serve.json"   # in OUT: the last check of each folder, shown again after a restart
# The names a browser on this machine puts in Host (IPv6 in brackets); compared by guard.py, not by werkzeug's
# TRUSTED_HOSTS, which cannot name an IPv6 address (3.1: "[::1]:8000" matches neither "::1" nor "[::1]").
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def create_app(root: Path, out: Path, password: str | None = None, loopback: bool = True, slots: int = 1,
               secret: bytes | None = None) -> Flask:
    """The site for the plan folders under `root`, writing into `out`; with a password every request needs a
    session opened with it. On loopback only requests naming a loopback host are answered (a page on the Internet
    that rebinds its name to 127.0.0.1 gets 400)."""
    app = Flask(__name__, static_folder="static", template_folder=None)
    app.config.update(
        SECRET_KEY=secret or secrets.token_bytes(32),
        PERMANENT_SESSION_LIFETIME=LIFETIME, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_NAME="reportgen",
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES, MAX_FORM_PARTS=MAX_UPLOAD_FILES + 10,
        WTF_CSRF_TIME_LIMIT=None,       # a clerk may leave the page open all day; the token lives with the session
        LOOPBACK_HOSTS=LOOPBACK_HOSTS if loopback else None,
        ROOT=Path(root).resolve(), OUT=Path(out).resolve(), PASSWORD=password or None,
        PREVIEWS=Path(tempfile.mkdtemp(prefix="reportgen-serve-")), MAX_UPLOAD_FILES=MAX_UPLOAD_FILES,
    )
    atexit.register(shutil.rmtree, app.config["PREVIEWS"], ignore_errors=True)   # the page images go with the server
    app.extensions["reportgen_logins"] = Logins(password or None)
    app.extensions["reportgen_jobs"] = Jobs(slots, app.config["PREVIEWS"], app.config["OUT"] / STATES_FILE)
    CSRFProtect(app)
    install_guard(app)
    app.register_blueprint(pages)
    return app
