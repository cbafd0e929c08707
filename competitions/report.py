"""劳动竞赛与职工素质: the figures of competitions, proposals, training and honours for a
subtree and period, in five aggregate queries whatever the number of records.

A competition counts in the period of its start date, with all its entries. Its trades
(工种) are those its entries took part in; its participants are the entries' persons (a
team counts its members); its winners are the persons of placed entries (a placing
recorded). Training comes from the activities of category 培训.

``SECTIONS`` at the end declares the report section: its words are in
``competitions.report_text``; the logic checks and the appendix column query here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import Activity, Category
from competitions.models import (
    Competition,
    CompetitionEntry,
    CompetitionKind,
    Grade,
    Honour,
    Level,
    Organiser,
    RationalisationProposal,
)
from competitions.report_text import (
    competitions_headlines,
    competitions_paragraph,
    competitions_tables,
)
from organisations.models import Organisation
from reports.sections import Problem, Section
from reports.text import child_path


@dataclass(frozen=True)
class CompetitionsAndSkills:
    competitions: int
    competitions_by_kind: dict[str, int]
    higher_contests_entered: int
    entries: int
    trades: int
    participants: int
    winners: int
    first_places: int
    higher_placings: int
    proposals: int
    proposals_by_grade: dict[str, int]
    proposals_awarded: int
    proposals_adopted: int
    proposals_benefit: Decimal
    innovations: int
    trainings: int
    training_sessions: int
    trainees: int
    training_hours: Decimal
    honours: int
    honours_by_level: dict[str, int]
    honours_collective: int
    start: dt.date | None = None  # the period, so the text can say 全年 or 上半年
    end: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.competitions or self.proposals or self.trainings or self.honours)


def competitions_and_skills(organisation: Organisation, start: dt.date,
                            end: dt.date) -> CompetitionsAndSkills:
    period = (start, end)
    competitions = Competition.objects.within(organisation).filter(date__range=period)
    comp = competitions.aggregate(
        competitions=Count("pk"),
        higher_contests_entered=Count("pk", filter=Q(organiser=Organiser.HIGHER)),
        **{f"kind_{kind}": Count("pk", filter=Q(kind=kind)) for kind in CompetitionKind.values},
    )
    placed = Q(placing__isnull=False)
    entry = CompetitionEntry.objects.within(organisation).filter(
        competition__date__range=period).aggregate(
        entries=Count("pk"),
        participants=Sum("headcount", default=0),
        winners=Sum("headcount", filter=placed, default=0),
        first_places=Count("pk", filter=Q(placing=1)),
        higher_placings=Count("pk", filter=placed
                              & Q(competition__organiser=Organiser.HIGHER)),
        trades=Count(Concat(Cast("competition_id", CharField()), Value("|"), "trade"),
                     filter=~Q(trade=""), distinct=True),
    )
    prop = RationalisationProposal.objects.within(organisation).filter(
        date__range=period).aggregate(
        proposals=Count("pk"),
        proposals_awarded=Count("pk", filter=~Q(grade=Grade.NONE)),
        proposals_adopted=Count("pk", filter=Q(adopted=True)),
        proposals_benefit=Sum("estimated_benefit", default=Decimal("0")),
        innovations=Count("pk", filter=Q(kind="innovation")),
        **{f"grade_{grade}": Count("pk", filter=Q(grade=grade)) for grade in Grade.values},
    )
    training = Activity.objects.within(organisation).filter(
        date__range=period, category=Category.TRAINING).aggregate(
        trainings=Count("pk"),
        training_sessions=Sum("sessions", default=0),
        trainees=Sum("trainees", default=0),
        training_hours=Sum("hours", default=Decimal("0")),
    )
    hon = Honour.objects.within(organisation).filter(date__range=period).aggregate(
        honours=Count("pk"),
        honours_collective=Count("pk", filter=Q(recipient="collective")),
        **{f"level_{level}": Count("pk", filter=Q(level=level)) for level in Level.values},
    )
    return CompetitionsAndSkills(
        competitions=comp.pop("competitions"),
        higher_contests_entered=comp.pop("higher_contests_entered"),
        competitions_by_kind={k: comp[f"kind_{k}"] for k in CompetitionKind.values},
        **entry,
        proposals=prop["proposals"],
        proposals_by_grade={g: prop[f"grade_{g}"] for g in Grade.values},
        proposals_awarded=prop["proposals_awarded"],
        proposals_adopted=prop["proposals_adopted"],
        proposals_benefit=Decimal(prop["proposals_benefit"]),
        innovations=prop["innovations"],
        trainings=training["trainings"],
        training_sessions=training["training_sessions"],
        trainees=training["trainees"],
        training_hours=Decimal(training["training_hours"]),
        honours=hon["honours"],
        honours_by_level={lv: hon[f"level_{lv}"] for lv in Level.values},
        honours_collective=hon["honours_collective"],
        start=start, end=end,
    )


# --- the report section: logic checks and appendix ----------------------------------------

def _placing_problem(entry: CompetitionEntry) -> Problem:
    values = {"placing": entry.placing, "entries": entry.entrants, "trade": entry.trade}
    return Problem(
        message=(_("Placed %(placing)s among only %(entries)s entries in “%(trade)s”.")
                 if entry.trade else _("Placed %(placing)s among only %(entries)s entries."))
        % values,
        url=reverse("competitions:entries", args=[entry.competition_id]),
        record=f"{entry.competition.title} · {entry.display_name}")


def competitions_checks(organisation: Organisation, start: dt.date,
                        end: dt.date) -> list[Problem]:
    """Two queries: placings beyond the number of entries of their trade (places are
    awarded per trade, 各工种前三名), and competitions of the period with no entry at all
    (they count no contestants)."""
    period = (start, end)
    entrants = (CompetitionEntry.objects.filter(competition=OuterRef("competition"),
                                                trade=OuterRef("trade"))
                .order_by().values("competition").annotate(n=Count("pk")).values("n"))
    beyond = (CompetitionEntry.objects.within(organisation)
              .filter(competition__date__range=period, placing__isnull=False)
              .annotate(entrants=Subquery(entrants)).filter(placing__gt=F("entrants"))
              .select_related("competition", "member")
              .order_by("competition__date", "competition_id", "trade", "placing", "pk"))
    problems = [_placing_problem(entry) for entry in beyond]
    empty = (Competition.objects.within(organisation).filter(date__range=period)
             .alias(entry_count=Count("entries")).filter(entry_count=0).order_by("date", "pk"))
    problems += [Problem(
        message=_("No entries recorded: the competition counts no contestants."),
        url=reverse("competitions:entries", args=[competition.pk]), record=str(competition))
        for competition in empty]
    return problems


def competitions_by_child(organisation: Organisation, start: dt.date,
                          end: dt.date) -> dict[str, dict[str, int]]:
    """Competitions of the period by direct child union, in one query."""
    rows = (Competition.objects.within(organisation).filter(date__range=(start, end))
            .annotate(child=child_path(organisation)).values("child")
            .annotate(competitions=Count("pk")).order_by())
    return {row["child"]: {"competitions": row["competitions"]} for row in rows}


SECTIONS = [
    Section(key="competitions", order=20, title=gettext_lazy("Labour competitions and skills"),
            compute=competitions_and_skills, paragraph=competitions_paragraph,
            headlines=competitions_headlines, tables=competitions_tables,
            checks=competitions_checks, by_child=competitions_by_child,
            appendix=(("competitions", gettext_lazy("Competitions")),)),
]
