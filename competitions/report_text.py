"""The words of the 劳动竞赛与职工素质 section: its paragraphs, headline figures and tables.

Written from the figures only, in the register of the seeds ("厂级技术比武参与工种23个，
全厂共有401名选手参加…"; "上半年共征集合理化建议77条，共评出一等奖1个…").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from competitions.models import CompetitionKind, Grade, Level
from reports.sections import Figure, Table
from reports.text import (
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

if TYPE_CHECKING:
    from competitions.report import CompetitionsAndSkills


def _by_label(counts: dict[str, int], choices, pattern: str) -> str:
    return listing([pattern % {"label": choices(value).label, "count": number(count)}
                    for value, count in counts.items() if count])


def _competitions(f: CompetitionsAndSkills, previous) -> str:
    if not f.competitions:
        return ""
    held = ngettext("%(over)s %(count)s labour or skill competition was held",
                    "%(over)s %(count)s labour and skill competitions were held",
                    f.competitions) % {"over": over(f.start, f.end),
                                       "count": number(f.competitions)}
    kinds = _by_label(f.competitions_by_kind, CompetitionKind, _("%(label)s: %(count)s"))
    higher = ngettext(", %(count)s of them organised by a higher body",
                      ", %(count)s of them organised by higher bodies",
                      f.higher_contests_entered) % {"count": number(f.higher_contests_entered)}
    contestants = clauses([
        ngettext("%(count)s trade took part", "%(count)s trades took part", f.trades)
        % {"count": number(f.trades)} if f.trades else "",
        ngettext("%(count)s contestant competed", "%(count)s contestants competed",
                 f.participants) % {"count": number(f.participants)} if f.participants else "",
        ngettext("%(count)s contestant was placed", "%(count)s contestants were placed",
                 f.winners) % {"count": number(f.winners)} if f.winners else "",
        ngettext("%(count)s first place was won", "%(count)s first places were won",
                 f.first_places) % {"count": number(f.first_places)} if f.first_places else "",
        ngettext("%(count)s placing was won in higher bodies' contests",
                 "%(count)s placings were won in higher bodies' contests", f.higher_placings)
        % {"count": number(f.higher_placings)} if f.higher_placings else "",
    ])
    return paragraph([
        sentence(held + with_growth(f.competitions, previous, "competitions")
                 + tail(_(", of which %(value)s"), kinds)
                 + (higher if f.higher_contests_entered else "")),
        sentence(contestants),
    ])


def _proposals(f: CompetitionsAndSkills, previous) -> str:
    if not f.proposals:
        return ""
    collected = ngettext("%(over)s %(count)s rationalisation proposal was collected",
                         "%(over)s %(count)s rationalisation proposals were collected",
                         f.proposals) % {"over": over(f.start, f.end),
                                         "count": number(f.proposals)}
    awarded = {grade: count for grade, count in f.proposals_by_grade.items()
               if grade != Grade.NONE}
    return paragraph([
        sentence(collected + with_growth(f.proposals, previous, "proposals")
                 + tail(ngettext(", %(value)s of them a small innovation",
                                 ", %(value)s of them small innovations", f.innovations),
                        number(f.innovations) if f.innovations else "")
                 + tail(_(", awarding %(value)s"),
                        _by_label(awarded, Grade, _("%(label)s: %(count)s awarded")))),
        sentence(clauses([
            ngettext("%(count)s proposal was adopted", "%(count)s proposals were adopted",
                     f.proposals_adopted) % {"count": number(f.proposals_adopted)}
            if f.proposals_adopted else "",
            _("their estimated benefit is %(amount)s") % {"amount": money(f.proposals_benefit)}
            if f.proposals_benefit else "",
        ])),
    ])


def _training(f: CompetitionsAndSkills, previous) -> str:
    if not f.trainings:
        return ""
    held = ngettext("%(over)s %(count)s training course was held",
                    "%(over)s %(count)s training courses were held", f.trainings) % {
        "over": over(f.start, f.end), "count": number(f.trainings)}
    return sentence(
        held
        + tail(ngettext(", in %(value)s session", ", in %(value)s sessions",
                        f.training_sessions),
               number(f.training_sessions) if f.training_sessions else "")
        + tail(_(", with %(value)s trainees"), number(f.trainees) if f.trainees else "")
        + tail(_(", %(value)s hours of training in all"),
               plain(f.training_hours) if f.training_hours else ""))


def _honours(f: CompetitionsAndSkills, previous) -> str:
    if not f.honours:
        return ""
    won = ngettext("%(over)s %(count)s honour was won", "%(over)s %(count)s honours were won",
                   f.honours) % {"over": over(f.start, f.end), "count": number(f.honours)}
    levels = _by_label(f.honours_by_level, Level, _("%(label)s: %(count)s"))
    return sentence(
        won + with_growth(f.honours, previous, "honours")
        + tail(_(", of which %(value)s"), levels)
        + tail(ngettext(", %(value)s of them a collective honour",
                        ", %(value)s of them collective honours", f.honours_collective),
               number(f.honours_collective) if f.honours_collective else ""))


def competitions_paragraph(figures: CompetitionsAndSkills, previous) -> str:
    return paragraphs(part(figures, previous)
                      for part in (_competitions, _proposals, _training, _honours))


def competitions_headlines(figures: CompetitionsAndSkills) -> list[Figure]:
    items = _("items")
    return [
        Figure("competitions", _("Competitions"), figures.competitions, items),
        Figure("contestants", _("Contestants"), figures.participants, _("people")),
        Figure("proposals", _("Rationalisation proposals"), figures.proposals, _("pieces")),
        Figure("trainees", _("Trainees"), figures.trainees, _("person-times")),
        Figure("honours", _("Honours"), figures.honours, items),
    ]


def _rows_by(counts: dict[str, int], choices) -> list[list]:
    return [[choices(value).label, count] for value, count in counts.items()]


def competitions_tables(f: CompetitionsAndSkills) -> list[Table]:
    item, count = _("Item"), _("Number")
    tables = []
    if f.competitions:
        tables += [
            Table(_("Competitions by kind"), [_("Kind"), count],
                  [*_rows_by(f.competitions_by_kind, CompetitionKind),
                   [_("Total"), f.competitions]]),
            Table(_("Contestants and placings"), [item, count], [
                [_("Entries"), f.entries], [_("Trades"), f.trades],
                [_("Contestants"), f.participants], [_("Contestants placed"), f.winners],
                [_("First places"), f.first_places],
                [_("Contests of higher bodies entered"), f.higher_contests_entered],
                [_("Placings in contests of higher bodies"), f.higher_placings]]),
        ]
    if f.proposals:
        tables.append(Table(_("Rationalisation proposals"), [item, count], [
            *_rows_by(f.proposals_by_grade, Grade),
            [_("Total"), f.proposals], [_("Small innovations"), f.innovations],
            [_("Adopted"), f.proposals_adopted],
            [_("Estimated benefit (yuan)"), f.proposals_benefit]]))
    if f.trainings:
        tables.append(Table(_("Training"), [item, count], [
            [_("Training courses"), f.trainings], [_("Sessions"), f.training_sessions],
            [_("Trainees"), f.trainees], [_("Hours of training"), f.training_hours]]))
    if f.honours:
        tables.append(Table(_("Honours by level"), [_("Level"), count], [
            *_rows_by(f.honours_by_level, Level), [_("Total"), f.honours],
            [_("Collective honours"), f.honours_collective]]))
    return tables
