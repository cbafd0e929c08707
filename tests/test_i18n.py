"""Simplified Chinese by default, Traditional Chinese and English selectable; no string left out."""

import re
import shutil
import subprocess
import sys
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ["zh_Hans", "zh_Hant"]


@pytest.mark.parametrize(("language", "log_in", "organisations"), [
    ("zh-hans", "登录", "工会组织"),
    ("zh-hant", "登入", "工會組織"),
    ("en", "Log in", "Organisations"),
])
def test_pages_follow_the_chosen_language(tree, client, language, log_in, organisations):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert log_in in client.get(reverse("login")).content.decode()
    client.force_login(tree.cadre_a)
    page = client.get(reverse("organisations:tree")).content.decode()
    assert organisations in page and f'lang="{language}"' in page


def test_simplified_chinese_is_the_default_whatever_the_browser_says(db, client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in page and "登录" in page


def _joined(match) -> str:
    """A PO string with its continuation lines (long messages wrap onto '"…"' lines)."""
    if match is None:
        return ""
    first, rest = match.groups()
    return first + "".join(re.findall(r'^"(.*)"$', rest, re.M))


def _entries(po: Path) -> dict[str, str]:
    text = po.read_text(encoding="utf-8")
    found = {}
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        assert "#, fuzzy" not in block or 'msgid ""\nmsgstr ""' in block, block
        msgid = _joined(re.search(r'^msgid "(.*)"\n((?:".*"\n)*)', block + "\n", re.M))
        msgstr = _joined(re.search(r'^msgstr(?:\[0\])? "(.*)"\n((?:".*"\n)*)', block + "\n",
                                   re.M))
        if msgid:
            found[msgid] = msgstr
    return found


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext not installed")
def test_every_source_string_is_translated(tmp_path):
    """Extract the messages afresh from a copy of the source; each must have a translation."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", "var", ".git", "tests", "node_modules", "__pycache__", "*.mo", "vendor"))
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "zh_Hans",
                    "--no-obsolete"], cwd=copy, check=True, capture_output=True)
    fresh = _entries(copy / "locale/zh_Hans/LC_MESSAGES/django.po")
    for locale in LOCALES:
        committed = _entries(ROOT / f"locale/{locale}/LC_MESSAGES/django.po")
        missing = sorted(m for m in fresh if not committed.get(m))
        assert not missing, f"{locale}: untranslated {missing}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_compiled_catalogs_are_current(tmp_path):
    """The committed .mo files say what the .po files say (a fresh machine may lack msgfmt)."""
    for locale in LOCALES:
        po = ROOT / f"locale/{locale}/LC_MESSAGES/django.po"
        fresh = tmp_path / f"{locale}.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
        with open(fresh, "rb") as new, open(po.with_suffix(".mo"), "rb") as old:
            assert GNUTranslations(old)._catalog == GNUTranslations(new)._catalog, \
                f"run compilemessages for {locale}"
