"""Content-Security-Policy: the header on portal and admin pages, and templates it allows.

The policy allows scripts and styles only from our own static files, so a template with an
inline <script>, an on*= handler, a style= attribute or a <style> element would silently
stop working in the browser. The scan below finds them before a browser does.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)

EXPECTED_DIRECTIVES = [
    "default-src 'self'", "img-src 'self' data:", "style-src 'self'", "script-src 'self'",
    "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'",
]


def directives(response) -> set[str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_a_portal_page_carries_the_policy(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert directives(response) == set(EXPECTED_DIRECTIVES)


def test_an_admin_page_carries_the_policy(client, tree):
    client.force_login(tree.superuser)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert directives(response) == set(EXPECTED_DIRECTIVES)


# --- Templates ------------------------------------------------------------------------

INLINE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
    "on*= event handler": re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "style= attribute": re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE),
}


def is_pdf_only(path: Path) -> bool:
    """Templates printed by WeasyPrint in the worker, never sent to a browser: their page
    rules (@page) have to be inline. By convention their names say so:
    ``chronicle_pdf.html``, ``_pdf_page.html``."""
    return path.stem.endswith("_pdf") or path.stem.startswith("_pdf_")


def browser_templates() -> list[Path]:
    folders = [ROOT / "templates"] + [
        folder for folder in ROOT.glob("*/templates")
        if folder.parent.name not in {".venv", "static", "templates"}
    ]
    return sorted(path for folder in folders for path in folder.rglob("*.html")
                  if not is_pdf_only(path))


def test_the_scan_sees_the_templates():
    names = {path.relative_to(ROOT).as_posix() for path in browser_templates()}
    assert "templates/base.html" in names
    assert "jobs/templates/jobs/job_detail.html" in names
    assert "ledger/templates/ledger/chronicle_pdf.html" not in names


@pytest.mark.parametrize(("snippet", "problem"), [
    ("<script>alert(1)</script>", "inline <script>"),
    ('<script type="module">x()</script>', "inline <script>"),
    ('<select onchange="this.form.submit()">', "on*= event handler"),
    ('<div class="a"\n     style="width: 3px">', "style= attribute"),
    ("<style>p {}</style>", "<style> element"),
    ('<a href="javascript:void(0)">', "javascript: URL"),
])
def test_the_patterns_catch_inline_code(snippet, problem):
    assert INLINE[problem].search(snippet)


@pytest.mark.parametrize("snippet", [
    '<script src="/static/js/job.js"></script>', '<select data-autosubmit>',
    '<div class="progress-bar" id="job-progress"></div>', "{% translate 'on=off' %}",
])
def test_the_patterns_let_allowed_markup_pass(snippet):
    assert not any(pattern.search(snippet) for pattern in INLINE.values())


def test_no_template_has_inline_script_or_style():
    found = []
    for path in browser_templates():
        text = path.read_text(encoding="utf-8")
        for problem, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {problem}")
    assert not found, "move these to static/js or static/css:\n" + "\n".join(found)
