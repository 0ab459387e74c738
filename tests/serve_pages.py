"""Test helper for `reportgen serve`: a small HTML reader (the stdlib's html.parser), the CSRF token of a page's
forms, a button pressed and its job waited for, and the checks every refusal page must pass."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import SAMPLE

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
JOB_TIMEOUT = 180


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None, id: str | None = None, cls: str | None = None, **attrs) -> list[Node]:
        """Every element below this one matching the tag, id, class and attributes given (a_b for a-b)."""
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if ((tag is None or child.tag == tag) and (id is None or child.attrs.get("id") == id)
                    and (cls is None or cls in child.classes)
                    and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                found.append(child)
            found += child.all(tag, id, cls, **attrs)
        return found

    def one(self, tag: str | None = None, id: str | None = None, cls: str | None = None, **attrs) -> Node:
        found = self.all(tag, id, cls, **attrs)
        assert len(found) == 1, f"{len(found)} × {tag} #{id} .{cls} {attrs}"
        return found[0]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.top = Node("#document", {}, None)
        self.here = self.top

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs}, self.here)
        self.here.children.append(node)
        if tag not in _VOID:
            self.here = node

    def handle_endtag(self, tag):
        node = self.here
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:      # an end tag with no open element is ignored
            self.here = node.parent

    def handle_data(self, data):
        self.here.children.append(data)


def page(html: str) -> Node:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.top


def token(client: FlaskClient, url: str) -> str:
    """The csrf_token of the forms on a page of the site (a session cookie now holds its pair)."""
    response = client.get(url)
    found = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
    assert found, f"no csrf_token in {url} ({response.status_code})"
    return found.group(1)


def job_id(response) -> str:
    assert response.status_code == 303, (response.status_code, response.get_data(as_text=True)[:2000])
    location = response.headers["Location"]
    assert re.fullmatch(r"/viec/[\w-]+", location), location
    return location.rsplit("/", 1)[1]


def finished(app: Flask, client: FlaskClient, job: str) -> Node:
    """The job's page once the job has ended."""
    ended = app.extensions["reportgen_jobs"].wait(job, JOB_TIMEOUT)
    assert ended is not None and not ended.running, f"job {job} still {ended and ended.state}"
    response = client.get(f"/viec/{job}")
    assert response.status_code == 200
    return page(response.get_data(as_text=True))


def press(app: Flask, client: FlaskClient, folder: str, button: str, **form) -> Node:
    """POSTs a folder's button with the folder page's token and returns the finished job's page."""
    data = {"csrf_token": token(client, f"/ke-hoach/{folder}")} | form
    return finished(app, client, job_id(client.post(f"/ke-hoach/{folder}/{button}", data=data)))


def state(job_page: Node) -> str:
    return job_page.one(id="trang-thai").attrs["data-state"]


def refusal_page(response, *codes: int) -> Node:
    """A refusal: one of the codes, a Vietnamese page with its heading, and nothing of a traceback."""
    html = response.get_data(as_text=True)
    assert response.status_code in codes, (response.status_code, html[:2000])
    assert response.mimetype == "text/html"
    for leak in ("Traceback", 'File "', "werkzeug", "Werkzeug", "Exception"):
        assert leak not in html, leak
    shown = page(html)
    assert shown.one("html").attrs["lang"] == "vi"
    headings = shown.all(id="loi") or shown.all("h1")
    assert len(headings) == 1 and headings[0].text().strip()
    return shown


def plan_copy(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SAMPLE, target)
    return target

