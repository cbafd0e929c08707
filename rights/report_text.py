"""The words of the 民主管理 and 维权服务 sections: paragraphs, headline figures, tables and
the chart of disputes by type.

Written from the figures only, in the register of the seeds ("共调处劳动纠纷27起…其中劳动合同
5件，工资纠纷10件…涉及职工120名，涉案金额1329770元。调出率100%，成功率100%"; "共收到提案、建议
35份…同意立案9条").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.sections import Chart, Figure, Table
from reports.text import (
    at_end,
    clauses,
    listing,
    money,
    number,
    over,
    paragraph,
    paragraphs,
    plain,
    sentence,
    tail,
    with_growth,
)
from rights.choices import (
    ContractType,
    DisputeChannel,
    DisputeOutcome,
    DisputeType,
    Implementation,
    ReviewOutcome,
)

if TYPE_CHECKING:
    from rights.report import DemocraticManagement, RightsProtection


def _count(value) -> str:
    """A figure for ``tail``: '' when zero, so the clause is left out."""
    return number(value) if value else ""


def _rate(value) -> str:
    return plain(value) if value else ""


# --- 民主管理 -----------------------------------------------------------------------------

def _sessions(f: DemocraticManagement) -> str:
    if not f.sessions:
        return ""
    return sentence(
        ngettext("%(over)s %(count)s session of a workers' congress was held",
                 "%(over)s %(count)s sessions of workers' congresses were held", f.sessions)
        % {"over": over(f.start, f.end), "count": number(f.sessions)}
        + tail(ngettext(", attended by %(value)s delegate", ", attended by %(value)s delegates",
                        f.delegates_present), _count(f.delegates_present))
        + tail(ngettext(", at which %(value)s resolution was put to the vote",
                        ", at which %(value)s resolutions were put to the vote", f.resolutions),
               _count(f.resolutions))
        + tail(_(", %(value)s of them adopted"), _count(f.resolutions_adopted)))


def _motion_outcomes(f: DemocraticManagement) -> str:
    by = f.motions_by_outcome
    phrases = {
        ReviewOutcome.ACCEPTED: ngettext("%(count)s was accepted as a motion",
                                         "%(count)s were accepted as motions", by["accepted"]),
        ReviewOutcome.OPINION: ngettext("%(count)s was handled as an opinion",
                                        "%(count)s were handled as opinions", by["opinion"]),
        ReviewOutcome.MERGED: ngettext("%(count)s was merged into another motion",
                                       "%(count)s were merged into other motions", by["merged"]),
        ReviewOutcome.EXPLAINED: ngettext("%(count)s was explained to its submitter",
                                          "%(count)s were explained to their submitters",
                                          by["explained"]),
    }
    parts = [phrases[outcome] % {"count": number(by[outcome])}
             for outcome in ReviewOutcome.values if by[outcome]]
    if f.motions_not_reviewed:
        parts.append(ngettext("%(count)s has not been reviewed yet",
                              "%(count)s have not been reviewed yet", f.motions_not_reviewed)
                     % {"count": number(f.motions_not_reviewed)})
    return listing(parts)


def _motions(f: DemocraticManagement, previous) -> str:
    if not f.motions_received:
        return ""
    done = f.motions_implemented_or_in_progress
    follow_up = clauses([
        ngettext("%(count)s motion had been answered", "%(count)s motions had been answered",
                 f.motions_replied) % {"count": number(f.motions_replied)}
        if f.motions_replied else "",
        ngettext("%(count)s had been or was being implemented",
                 "%(count)s had been or were being implemented", done)
        % {"count": number(done)} if done else "",
        ngettext("%(count)s was past its reply deadline without an answer",
                 "%(count)s were past their reply deadline without an answer",
                 f.motions_overdue) % {"count": number(f.motions_overdue)}
        if f.motions_overdue else "",
        ngettext("%(count)s was carried over to the next session",
                 "%(count)s were carried over to the next session", f.motions_carried_over)
        % {"count": number(f.motions_carried_over)} if f.motions_carried_over else "",
    ])
    return paragraph([
        sentence(ngettext("%(over)s %(count)s motion was received",
                          "%(over)s %(count)s motions were received", f.motions_received)
                 % {"over": over(f.start, f.end), "count": number(f.motions_received)}
                 + with_growth(f.motions_received, previous, "motions_received")
                 + tail(_(", of which %(value)s"), _motion_outcomes(f))),
        sentence(_("%(at_end)s %(what)s") % {"at_end": at_end(f.start, f.end),
                                             "what": follow_up} if follow_up else ""),
    ])


def _contracts(f: DemocraticManagement) -> str:
    types = listing([_("%(label)s: %(count)s signed") % {"label": ContractType(value).label,
                                                         "count": number(count)}
                     for value, count in f.contracts_signed_by_type.items() if count])
    return paragraph([
        sentence(ngettext("%(over)s %(count)s collective contract was signed",
                          "%(over)s %(count)s collective contracts were signed",
                          f.contracts_signed)
                 % {"over": over(f.start, f.end), "count": number(f.contracts_signed)}
                 + tail(_(", of which %(value)s"), types) if f.contracts_signed else ""),
        sentence(ngettext("%(at_end)s %(count)s collective contract was in force",
                          "%(at_end)s %(count)s collective contracts were in force",
                          f.contracts_in_force)
                 % {"at_end": at_end(f.start, f.end), "count": number(f.contracts_in_force)}
                 + tail(ngettext(", covering %(value)s worker", ", covering %(value)s workers",
                                 f.workers_covered), _count(f.workers_covered))
                 if f.contracts_in_force else ""),
    ])


def democracy_paragraph(figures: DemocraticManagement, previous) -> str:
    return paragraphs([_sessions(figures), _motions(figures, previous), _contracts(figures)])


def democracy_headlines(figures: DemocraticManagement) -> list[Figure]:
    return [
        Figure("congress_sessions", _("Workers' congress sessions"), figures.sessions,
               _("times")),
        Figure("motions", _("Motions received"), figures.motions_received, _("pieces")),
        Figure("contracts_signed", _("Collective contracts signed"), figures.contracts_signed,
               _("copies")),
        Figure("contract_workers", _("Workers covered by collective contracts"),
               figures.workers_covered, _("people")),
    ]


def _rows(counts: dict[str, int], choices) -> list[list]:
    return [[choices(value).label, count] for value, count in counts.items()]


def democracy_tables(f: DemocraticManagement) -> list[Table]:
    item, count = _("Item"), _("Number")
    tables = []
    if f.sessions:
        tables.append(Table(_("Workers' congress sessions"), [item, count], [
            [_("Sessions held"), f.sessions], [_("Delegates present"), f.delegates_present],
            [_("Resolutions put to the vote"), f.resolutions],
            [_("Resolutions adopted"), f.resolutions_adopted]]))
    if f.motions_received:
        tables += [
            Table(_("Motions by review outcome"), [_("Outcome"), count], [
                *_rows(f.motions_by_outcome, ReviewOutcome),
                [_("Not reviewed yet"), f.motions_not_reviewed],
                [_("Total"), f.motions_received]]),
            Table(_("Replies to motions and their implementation"), [item, count], [
                [_("Replied to"), f.motions_replied],
                *_rows(f.motions_by_implementation, Implementation),
                [_("Past the reply deadline without an answer"), f.motions_overdue],
                [_("Carried over to the next session"), f.motions_carried_over]]),
        ]
    if f.contracts_signed or f.contracts_in_force:
        tables.append(Table(_("Collective contracts"), [item, count], [
            *[[_("Signed: %(type)s") % {"type": label}, value]
              for label, value in _rows(f.contracts_signed_by_type, ContractType)],
            [_("In force at the end of the period"), f.contracts_in_force],
            [_("Workers covered"), f.workers_covered]]))
    return tables


# --- 维权服务 -----------------------------------------------------------------------------

def _dispute_types(f: RightsProtection) -> str:
    by = f.disputes_by_type
    phrases = {
        DisputeType.CONTRACT: ngettext("%(count)s labour contract dispute",
                                       "%(count)s labour contract disputes", by["contract"]),
        DisputeType.WAGES: ngettext("%(count)s wage dispute", "%(count)s wage disputes",
                                    by["wages"]),
        DisputeType.INJURY: ngettext("%(count)s work injury dispute",
                                     "%(count)s work injury disputes", by["injury"]),
        DisputeType.SOCIAL_INSURANCE: ngettext("%(count)s social insurance dispute",
                                               "%(count)s social insurance disputes",
                                               by["social_insurance"]),
        DisputeType.OTHER: ngettext("%(count)s other dispute", "%(count)s other disputes",
                                    by["other"]),
    }
    return listing([phrases[kind] % {"count": number(by[kind])}
                    for kind in DisputeType.values if by[kind]])


def _disputes(f: RightsProtection, previous) -> str:
    if not f.disputes:
        return ""
    outcome = f.disputes_by_outcome
    routes = clauses([
        ngettext("%(count)s case was handled through legal aid",
                 "%(count)s cases were handled through legal aid", f.legal_aid)
        % {"count": number(f.legal_aid)} if f.legal_aid else "",
        ngettext("%(count)s case was referred to arbitration",
                 "%(count)s cases were referred to arbitration", outcome["arbitration"])
        % {"count": number(outcome["arbitration"])} if outcome["arbitration"] else "",
        ngettext("%(count)s case was referred to the courts",
                 "%(count)s cases were referred to the courts", outcome["litigation"])
        % {"count": number(outcome["litigation"])} if outcome["litigation"] else "",
    ])
    return paragraph([
        sentence(ngettext("%(over)s %(count)s labour dispute was mediated",
                          "%(over)s %(count)s labour disputes were mediated", f.disputes)
                 % {"over": over(f.start, f.end), "count": number(f.disputes)}
                 + with_growth(f.disputes, previous, "disputes")
                 + tail(_(", of which %(value)s"), _dispute_types(f))
                 + tail(ngettext(", involving %(value)s worker", ", involving %(value)s workers",
                                 f.workers_involved), _count(f.workers_involved))
                 + tail(_(", with %(value)s at stake"), money(f.amount) if f.amount else "")
                 + tail(_(", a closing rate of %(value)s%%"), _rate(f.closed_rate))
                 + tail(_(", a mediation success rate of %(value)s%%"), _rate(f.success_rate))),
        sentence(routes),
    ])


def _petitions(f: RightsProtection) -> str:
    if not f.petitions:
        return ""
    return sentence(
        ngettext("%(over)s %(count)s petition from workers was received",
                 "%(over)s %(count)s petitions from workers were received", f.petitions)
        % {"over": over(f.start, f.end), "count": number(f.petitions)}
        + tail(ngettext(", from %(value)s petitioner", ", from %(value)s petitioners",
                        f.petitioners), _count(f.petitioners))
        + tail(_(", %(value)s of them handled"), _count(f.petitions_handled)))


def protection_paragraph(figures: RightsProtection, previous) -> str:
    return paragraphs([_disputes(figures, previous), _petitions(figures)])


def protection_headlines(figures: RightsProtection) -> list[Figure]:
    return [
        Figure("disputes", _("Labour disputes"), figures.disputes, _("cases")),
        Figure("dispute_workers", _("Workers involved in disputes"), figures.workers_involved,
               _("people")),
        Figure("dispute_amount", _("Amount at stake in disputes"), figures.amount, _("yuan")),
        Figure("petitions", _("Petitions"), figures.petitions, _("pieces")),
    ]


def protection_tables(f: RightsProtection) -> list[Table]:
    item, count = _("Item"), _("Number")
    tables = []
    if f.disputes:
        tables += [
            Table(_("Labour disputes by type"), [_("Type"), count],
                  [*_rows(f.disputes_by_type, DisputeType), [_("Total"), f.disputes]]),
            Table(_("Labour disputes by channel and outcome"), [item, count], [
                *_rows(f.disputes_by_channel, DisputeChannel),
                [_("Closed"), f.disputes_closed],
                *_rows(f.disputes_by_outcome, DisputeOutcome),
                [_("Workers involved"), f.workers_involved],
                [_("Amount at stake (yuan)"), f.amount],
                [_("Closing rate (%)"), f.closed_rate],
                [_("Mediation success rate (%)"), f.success_rate]]),
        ]
    if f.petitions:
        tables.append(Table(_("Petitions"), [item, count], [
            [_("Received"), f.petitions], [_("Handled"), f.petitions_handled],
            [_("Petitioners"), f.petitioners]]))
    return tables


def protection_chart(organisation, start, end, figures: RightsProtection) -> list[Chart]:
    """Disputes by type, as a bar chart (drawn from the figures: no query)."""
    return [Chart(title=_("Labour disputes by type"), kind="bar",
                  labels=[str(DisputeType(value).label) for value in figures.disputes_by_type],
                  series={_("Disputes"): list(figures.disputes_by_type.values())},
                  unit=_("cases"))]
