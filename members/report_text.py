"""The words of the 组织建设 section, and the wording helpers the other sections share.

The helpers at the top (joining clauses, naming the period, percentages) are what every
section needs beside ``reports.text``; the sections of competitions, activities and rights
import them from here so that all four speak alike. Chinese and English join lists and
sentences differently ("、" against ", ", no space against a space), so even the joints go
through gettext.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.sections import Figure, Table
from reports.text import growth, number

if TYPE_CHECKING:
    from members.report import OrganisationBuilding

NAMES_SHOWN = 10  # unions named in a sentence; more are summed up as "and others"


# --- shared by the sections of members, competitions, activities and rights ---------------

def _joined(parts, pattern: str) -> str:
    parts = [part for part in parts if part]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = pattern % {"first": text, "then": part}
    return text


def listing(parts) -> str:
    """Items of an enumeration: '劳动合同纠纷5起、工资报酬纠纷10起' (empty parts skipped)."""
    return _joined(parts, _("%(first)s, %(then)s"))


def clauses(parts) -> str:
    """Clauses of one sentence: '参赛工种23个，参赛选手401人' (empty parts skipped)."""
    return _joined(parts, _("%(first)s; %(then)s"))


def sentence(text: str) -> str:
    """One sentence with its full stop, or '' for no text."""
    return _("%(sentence)s.") % {"sentence": text} if text else ""


def paragraph(sentences) -> str:
    """Sentences run on as one paragraph (no space between Chinese sentences)."""
    return _joined(sentences, _("%(first)s %(then)s"))


def paragraphs(parts) -> str:
    """The section's text: non-empty paragraphs separated by a blank line."""
    return "\n\n".join(part for part in parts if part)


def tail(pattern: str, value) -> str:
    """A clause appended to a sentence (', of which …'), or '' when ``value`` is empty."""
    return pattern % {"value": value} if value else ""


def with_growth(current, previous_figures, name: str) -> str:
    """', 比上年增长5.0%' comparing ``current`` with the same figure of the previous period."""
    if previous_figures is None:
        return ""
    return tail(_(", %(value)s"), growth(current, getattr(previous_figures, name)))


def plain(value) -> str:
    """A Decimal as written in prose: '42.5', '100', '1,200.5' (no trailing zeros)."""
    if value is None:
        return "—"
    return f"{Decimal(value).normalize():,f}"


def _kind_of_period(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None or start.year != end.year:
        return "other"
    return {((1, 1), (12, 31)): "year", ((1, 1), (6, 30)): "h1",
            ((7, 1), (12, 31)): "h2"}.get(((start.month, start.day), (end.month, end.day)),
                                          "other")


def over(start: dt.date | None, end: dt.date | None) -> str:
    """How the period is named before what happened in it: 全年 / 上半年 / 下半年 / 本期."""
    return {"year": _("Over the year"), "h1": _("In the first half of the year"),
            "h2": _("In the second half of the year")}.get(_kind_of_period(start, end),
                                                          _("Over the period"))


def at_end(start: dt.date | None, end: dt.date | None) -> str:
    """How the end of the period is named before a stock figure: 截至年底 / 截至6月底 / 截至期末."""
    kind = _kind_of_period(start, end)
    if kind in ("year", "h2"):
        return _("At the end of the year")
    if kind == "h1":
        return _("At the end of June")
    return _("At the end of the period")


# --- 组织建设 -----------------------------------------------------------------------------

def _members_paragraph(figures: OrganisationBuilding, previous) -> str:
    count = figures.members_at_end
    of_whom = listing([
        ngettext("%(count)s woman", "%(count)s women", figures.women)
        % {"count": number(figures.women)} if figures.women else "",
        ngettext("%(count)s migrant worker", "%(count)s migrant workers",
                 figures.migrant_workers)
        % {"count": number(figures.migrant_workers)} if figures.migrant_workers else "",
        ngettext("%(count)s worker in a new form of employment",
                 "%(count)s workers in new forms of employment", figures.new_form_workers)
        % {"count": number(figures.new_form_workers)} if figures.new_form_workers else "",
    ])
    register = ngettext("%(at_end)s there was %(count)s member on the register",
                        "%(at_end)s there were %(count)s members on the register", count) % {
        "at_end": at_end(figures.start, figures.end), "count": number(count)}
    movement = listing([
        ngettext("%(count)s new member joined", "%(count)s new members joined",
                 figures.joined) % {"count": number(figures.joined)} if figures.joined else "",
        ngettext("%(count)s member left the register", "%(count)s members left the register",
                 figures.left) % {"count": number(figures.left)} if figures.left else "",
    ])
    return paragraph([
        sentence(register + with_growth(count, previous, "members_at_end")
                 + tail(_(", of whom %(value)s"), of_whom)),
        sentence(_("%(over)s %(what)s") % {"over": over(figures.start, figures.end),
                                           "what": movement} if movement else ""),
    ])


def _due_names(figures: OrganisationBuilding) -> str:
    names = listing([union.display_name for union in figures.reelection_due[:NAMES_SHOWN]])
    if len(figures.reelection_due) > NAMES_SHOWN:
        names = _("%(names)s and others") % {"names": names}
    return names


def _unions_paragraph(figures: OrganisationBuilding, previous) -> str:
    unions = figures.unions_total
    due = len(figures.reelection_due)
    return paragraph([
        sentence(ngettext("%(at_end)s there was %(count)s grassroots or branch union",
                          "%(at_end)s there were %(count)s grassroots and branch unions",
                          unions)
                 % {"at_end": at_end(figures.start, figures.end), "count": number(unions)}
                 + with_growth(unions, previous, "unions_total") if unions else ""),
        sentence(ngettext("%(over)s %(count)s union was founded",
                          "%(over)s %(count)s unions were founded", figures.unions_founded)
                 % {"over": over(figures.start, figures.end),
                    "count": number(figures.unions_founded)} if figures.unions_founded else ""),
        sentence(_("Where the number of employees is known, the membership rate is %(rate)s%%")
                 % {"rate": plain(figures.membership_rate)}
                 if figures.membership_rate is not None else ""),
        sentence(ngettext(
            "%(count)s union committee's term has ended or ends within six months: %(names)s",
            "%(count)s union committees' terms have ended or end within six months: %(names)s",
            due) % {"count": number(due), "names": _due_names(figures)} if due else ""),
    ])


def members_paragraph(figures: OrganisationBuilding, previous) -> str:
    return paragraphs([_members_paragraph(figures, previous),
                       _unions_paragraph(figures, previous)])


def members_headlines(figures: OrganisationBuilding) -> list[Figure]:
    people = _("people")
    return [
        Figure("members_at_end", _("Members"), figures.members_at_end, people),
        Figure("members_joined", _("New members"), figures.joined, people),
        Figure("members_left", _("Members who left"), figures.left, people),
        Figure("unions_total", _("Grassroots and branch unions"), figures.unions_total,
               _("unions")),
    ]


def members_tables(figures: OrganisationBuilding) -> list[Table]:
    item, count = _("Item"), _("Number")
    tables = [
        Table(_("Members"), [item, count], [
            [_("Members at the end of the period"), figures.members_at_end],
            [_("New members"), figures.joined],
            [_("Members who left"), figures.left],
            [_("Women members"), figures.women],
            [_("Migrant worker members"), figures.migrant_workers],
            [_("Members in new forms of employment"), figures.new_form_workers],
        ]),
        Table(_("Unions"), [item, count], [
            [_("Grassroots and branch unions"), figures.unions_total],
            [_("Unions founded"), figures.unions_founded],
            [_("Employees of the unions whose employee count is known"),
             figures.employees_where_known],
            [_("Membership rate (%)"), figures.membership_rate],
        ]),
    ]
    if figures.reelection_due:
        tables.append(Table(
            _("Committees due for re-election"), [_("Union"), _("Term ends")],
            [[union.display_name, union.term_end.isoformat()]
             for union in figures.reelection_due]))
    return tables
