"""The words of the 组织建设 section: its paragraph, headline figures and tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.sections import Figure, Table
from reports.text import (
    at_end,
    listing,
    number,
    over,
    paragraph,
    paragraphs,
    plain,
    sentence,
    tail,
    with_growth,
)

if TYPE_CHECKING:
    from members.report import OrganisationBuilding

NAMES_SHOWN = 10  # unions named in a sentence; more are summed up as "and others"


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
