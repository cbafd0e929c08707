"""The words of the 宣传教育与文体活动 section: paragraphs, headline figures and tables.

Culture and sports come first (the seeds' "举办第二十届运动会…十余个项目的比赛，参加人员达1100余
人次"), then women workers' activities, work safety inspections and publicity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.sections import Figure, Table
from reports.text import listing, number, over, paragraph, paragraphs, sentence, tail, with_growth

if TYPE_CHECKING:
    from activities.report import CultureAndSports


def _count(value: int) -> str:
    """A count for ``tail``: '' when zero, so the clause is left out."""
    return number(value) if value else ""


def _attendance(participants: int, person_times: int) -> str:
    return (tail(ngettext(", drawing %(value)s participant", ", drawing %(value)s participants",
                          participants), _count(participants))
            + tail(_(", %(value)s participations in all"), _count(person_times)))


def _culture_and_sports(f: CultureAndSports, previous) -> str:
    if not f.events:
        return ""
    kinds = listing([
        ngettext("%(count)s cultural event", "%(count)s cultural events", f.culture_events)
        % {"count": number(f.culture_events)} if f.culture_events else "",
        ngettext("%(count)s sports event", "%(count)s sports events", f.sports_events)
        % {"count": number(f.sports_events)} if f.sports_events else "",
    ])
    held = ngettext("%(over)s %(count)s cultural or sports event was held",
                    "%(over)s %(count)s cultural and sports events were held", f.events) % {
        "over": over(f.start, f.end), "count": number(f.events)}
    return sentence(
        held + with_growth(f.events, previous, "events")
        + tail(_(", of which %(value)s"), kinds)
        + tail(ngettext(", with %(value)s competition event", ", with %(value)s competition events",
                        f.sub_events), _count(f.sub_events))
        + _attendance(f.participants, f.person_times))


def _women(f: CultureAndSports) -> str:
    if not f.women_activities:
        return ""
    return sentence(
        ngettext("%(over)s %(count)s activity for women workers was held",
                 "%(over)s %(count)s activities for women workers were held",
                 f.women_activities) % {"over": over(f.start, f.end),
                                        "count": number(f.women_activities)}
        + _attendance(f.women_participants, f.women_person_times))


def _largest(f: CultureAndSports) -> str:
    top = f.highlights[0] if f.highlights else None
    if top is None or not top.person_times:
        return ""
    return sentence(_("The activity with the most participants was “%(title)s”, with "
                      "%(count)s participations") % {"title": top.title,
                                                     "count": number(top.person_times)})


def _safety(f: CultureAndSports) -> str:
    if not f.safety_inspections:
        return ""
    return sentence(
        ngettext("%(over)s %(count)s work safety inspection was carried out",
                 "%(over)s %(count)s work safety inspections were carried out",
                 f.safety_inspections) % {"over": over(f.start, f.end),
                                          "count": number(f.safety_inspections)}
        + tail(ngettext(", finding %(value)s hidden danger", ", finding %(value)s hidden dangers",
                        f.dangers_found), _count(f.dangers_found))
        + tail(ngettext(", of which %(value)s has been fixed",
                        ", of which %(value)s have been fixed", f.dangers_fixed),
               _count(f.dangers_fixed)))


def _publicity(f: CultureAndSports) -> str:
    if not f.publicity_items:
        return ""
    return sentence(ngettext("%(over)s %(count)s news item on the union's work was reported",
                             "%(over)s %(count)s news items on the union's work were reported",
                             f.publicity_items) % {"over": over(f.start, f.end),
                                                   "count": number(f.publicity_items)})


def activities_paragraph(figures: CultureAndSports, previous) -> str:
    return paragraphs([
        paragraph([_culture_and_sports(figures, previous), _women(figures), _largest(figures)]),
        paragraph([_safety(figures), _publicity(figures)]),
    ])


def activities_headlines(figures: CultureAndSports) -> list[Figure]:
    times = _("times")
    return [
        Figure("activities", _("Cultural and sports events"), figures.events, times),
        Figure("activity_person_times", _("Participations"), figures.person_times,
               _("person-times")),
        Figure("women_activities", _("Activities for women workers"), figures.women_activities,
               times),
        Figure("publicity_items", _("News items reported"), figures.publicity_items,
               _("pieces")),
    ]


def activities_tables(f: CultureAndSports) -> list[Table]:
    item, count = _("Item"), _("Number")
    tables = []
    if f.events:
        tables.append(Table(_("Culture and sports"), [item, count], [
            [_("Cultural events"), f.culture_events], [_("Sports events"), f.sports_events],
            [_("Competition events"), f.sub_events], [_("Participants"), f.participants],
            [_("Participations"), f.person_times]]))
    if f.women_activities:
        tables.append(Table(_("Activities for women workers"), [item, count], [
            [_("Activities held"), f.women_activities], [_("Participants"), f.women_participants],
            [_("Participations"), f.women_person_times]]))
    if f.safety_inspections or f.dangers_found or f.publicity_items:
        tables.append(Table(_("Work safety and publicity"), [item, count], [
            [_("Work safety inspections"), f.safety_inspections],
            [_("Hidden dangers found"), f.dangers_found],
            [_("Hidden dangers fixed"), f.dangers_fixed],
            [_("News items reported"), f.publicity_items]]))
    if f.highlights:
        tables.append(Table(
            _("Activities with the most participants"),
            [_("Date"), _("Activity"), _("Category"), _("Participations")],
            [[h.date.isoformat(), h.title, h.category, h.person_times] for h in f.highlights]))
    return tables
