"""Signing in and out when the server has a password (the logins themselves are sessions.py's)."""

from __future__ import annotations

import re

from flask import current_app, redirect, request, session, url_for

from reportgen.serve.site import pages
from reportgen.serve.views import render


@pages.route("/dang-nhap", methods=["GET", "POST"])
def login():
    if current_app.config["PASSWORD"] is None:
        return redirect(url_for("pages.index"))
    logins, client = current_app.extensions["reportgen_logins"], request.remote_addr or ""
    if request.method == "GET":
        return render("login.html", wrong=False, wait=0)
    wait = logins.wait_before(client)
    login = None if wait else logins.sign_in(client, request.form.get("mat_khau", ""))
    if login is None:
        return render("login.html", wrong=not wait, wait=wait), 429 if wait else 401
    session.clear()   # a session planted before the login is not the one that gets in
    session["vao"] = login
    return redirect(_next(request.args.get("tiep", "")), code=303)


_PAGE_PATH = re.compile(r"/[\w\-.~%/]*(\?[\w\-.~%=&+/]*)?")


def _next(target: str) -> str:
    """Back where the clerk was going: a path of this site only, in the characters the site's own URLs use (never
    //other.host, a scheme, a backslash or a control character a browser would drop)."""
    return target if _PAGE_PATH.fullmatch(target) and not target.startswith("//") else "/"


@pages.post("/dang-xuat")
def logout():
    current_app.extensions["reportgen_logins"].sign_out(session.get("vao"))
    session.clear()
    return redirect(url_for("pages.login") if current_app.config["PASSWORD"] else url_for("pages.index"), code=303)
