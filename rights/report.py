"""民主管理 and 维权: the report sections of this app, for a subtree and a period.

Each section is computed in a fixed number of aggregate queries whatever the number of
records: 民主管理 in four (sessions, resolutions, motions, contracts), 维权 in two (disputes,
petitions). Records count where their date falls: a session held, a motion received, a
contract signed, a dispute or petition received within the period. Contracts *in force*
are those signed by the end of the period and ending on or after it.

``SECTIONS`` at the end declares both report sections: their words (and the chart of
disputes by type, drawn from the figures) are in ``rights.report_text``; the logic checks and
the appendix columns query here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Organisation
from reports.sections import Problem, Section
from reports.text import child_path
from rights.choices import (
    ContractType,
    DisputeChannel,
    DisputeOutcome,
    DisputeType,
    Implementation,
    ReviewOutcome,
)
from rights.models import (
    CollectiveContract,
    CongressSession,
    LabourDispute,
    Motion,
    Petition,
    Resolution,
)
from rights.report_text import (
    democracy_headlines,
    democracy_paragraph,
    democracy_tables,
    protection_chart,
    protection_headlines,
    protection_paragraph,
    protection_tables,
)


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent to one decimal; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _counts(field: str, choices) -> dict:
    return {f"{field}_{value}": Count("pk", filter=Q(**{field: value})) for value in choices.values}


def _by(figures: dict, field: str, choices) -> dict[str, int]:
    return {value: figures.pop(f"{field}_{value}") for value in choices.values}


@dataclass(frozen=True)
class DemocraticManagement:
    sessions: int
    delegates_present: int
    resolutions: int
    resolutions_adopted: int
    motions_received: int
    motions_by_outcome: dict[str, int]
    motions_not_reviewed: int
    motions_by_implementation: dict[str, int]
    motions_replied: int
    motions_overdue: int
    motions_carried_over: int
    contracts_signed: int
    contracts_signed_by_type: dict[str, int]
    contracts_in_force: int
    workers_covered: int
    start: dt.date | None = None  # the period, so the text can say 全年 or 上半年
    end: dt.date | None = None

    @property
    def motions_implemented_or_in_progress(self) -> int:
        by = self.motions_by_implementation
        return by[Implementation.IMPLEMENTED] + by[Implementation.IN_PROGRESS]

    @property
    def motions_accepted(self) -> int:
        return self.motions_by_outcome[ReviewOutcome.ACCEPTED]

    @property
    def acceptance_rate(self) -> Decimal | None:
        return rate(self.motions_accepted, self.motions_received)

    @property
    def is_empty(self) -> bool:
        return not (self.sessions or self.motions_received or self.contracts_signed
                    or self.contracts_in_force)


def democratic_management(organisation: Organisation, start: dt.date,
                          end: dt.date) -> DemocraticManagement:
    period = Q(date__range=(start, end))
    sessions = CongressSession.objects.within(organisation).filter(period).aggregate(
        sessions=Count("pk"), delegates_present=Sum("delegates_present", default=0))
    resolutions = Resolution.objects.filter(
        session__in=CongressSession.objects.within(organisation).filter(period)).aggregate(
        resolutions=Count("pk"),
        # more than half of all delegates elected (企业民主管理规定 第十五条)
        resolutions_adopted=Count("pk", filter=Q(
            votes_for__gt=F("session__delegates_elected") / 2)))
    motions = Motion.objects.within(organisation).filter(period).aggregate(
        motions_received=Count("pk"),
        motions_not_reviewed=Count("pk", filter=Q(review_outcome="")),
        motions_replied=Count("pk", filter=Q(reply_date__lte=end)),
        motions_overdue=Count("pk", filter=Q(reply_deadline__lt=end)
                              & (Q(reply_date__isnull=True) | Q(reply_date__gt=end))),
        motions_carried_over=Count("pk", filter=Q(carried_over=True)),
        **_counts("review_outcome", ReviewOutcome),
        **_counts("implementation", Implementation),
    )
    in_force = Q(date__lte=end, end_date__gte=end)
    contracts = CollectiveContract.objects.within(organisation).aggregate(
        contracts_signed=Count("pk", filter=period),
        contracts_in_force=Count("pk", filter=in_force),
        workers_covered=Sum("workers_covered", filter=in_force, default=0),
        **{f"contract_type_{value}": Count("pk", filter=period & Q(contract_type=value))
           for value in ContractType.values},
    )
    return DemocraticManagement(
        **sessions, **resolutions,
        motions_by_outcome=_by(motions, "review_outcome", ReviewOutcome),
        motions_by_implementation=_by(motions, "implementation", Implementation),
        contracts_signed_by_type=_by(contracts, "contract_type", ContractType),
        **motions, **contracts, start=start, end=end,
    )


@dataclass(frozen=True)
class RightsProtection:
    disputes: int
    disputes_by_type: dict[str, int]
    disputes_by_channel: dict[str, int]
    disputes_by_outcome: dict[str, int]
    workers_involved: int
    amount: Decimal
    disputes_closed: int
    petitions: int
    petitions_handled: int
    petitioners: int
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def disputes_settled(self) -> int:
        return self.disputes_by_outcome[DisputeOutcome.SETTLED]

    @property
    def legal_aid(self) -> int:
        return self.disputes_by_channel[DisputeChannel.LEGAL_AID]

    @property
    def mediated(self) -> int:
        return self.disputes_by_channel[DisputeChannel.MEDIATION]

    @property
    def closed_rate(self) -> Decimal | None:
        """调出率: cases closed (调处) over cases received in the period."""
        return rate(self.disputes_closed, self.disputes)

    @property
    def success_rate(self) -> Decimal | None:
        """成功率: settled by mediation over cases closed."""
        return rate(self.disputes_settled, self.disputes_closed)

    @property
    def petitions_handled_rate(self) -> Decimal | None:
        return rate(self.petitions_handled, self.petitions)

    @property
    def is_empty(self) -> bool:
        return not (self.disputes or self.petitions)


def rights_protection(organisation: Organisation, start: dt.date,
                      end: dt.date) -> RightsProtection:
    period = Q(date__range=(start, end))
    disputes = LabourDispute.objects.within(organisation).filter(period).aggregate(
        disputes=Count("pk"),
        workers_involved=Sum("workers_involved", default=0),
        amount=Sum("amount", default=Decimal("0")),
        disputes_closed=Count("pk", filter=Q(closed_on__lte=end)),
        **_counts("dispute_type", DisputeType),
        **_counts("channel", DisputeChannel),
        **{f"outcome_{value}": Count("pk", filter=Q(outcome=value, closed_on__lte=end))
           for value in DisputeOutcome.values},
    )
    petitions = Petition.objects.within(organisation).filter(period).aggregate(
        petitions=Count("pk"),
        petitions_handled=Count("pk", filter=Q(handled_on__lte=end)),
        petitioners=Sum("petitioners", default=0),
    )
    return RightsProtection(
        disputes_by_type=_by(disputes, "dispute_type", DisputeType),
        disputes_by_channel=_by(disputes, "channel", DisputeChannel),
        disputes_by_outcome=_by(disputes, "outcome", DisputeOutcome),
        **disputes, **petitions, start=start, end=end,
    )


# --- the report sections: logic checks and appendix ---------------------------------------

def _by_child(records, organisation: Organisation, key: str) -> dict[str, dict[str, int]]:
    rows = (records.annotate(child=child_path(organisation)).values("child")
            .annotate(**{key: Count("pk")}).order_by())
    return {row["child"]: {key: row[key]} for row in rows}


def democracy_checks(organisation: Organisation, start: dt.date, end: dt.date) -> list[Problem]:
    """One query: motions of the period answered but never reviewed (立案 or not), which the
    table of review outcomes would count as not yet reviewed."""
    unreviewed = (Motion.objects.within(organisation)
                  .filter(date__range=(start, end), reply_date__isnull=False, review_outcome="")
                  .order_by("date", "pk"))
    return [Problem(message=_("Answered on %(replied)s but without a review outcome.")
                    % {"replied": motion.reply_date.isoformat()},
                    url=reverse("rights:motion_update", args=[motion.pk]), record=str(motion))
            for motion in unreviewed]


def democracy_by_child(organisation: Organisation, start: dt.date,
                       end: dt.date) -> dict[str, dict[str, int]]:
    """Motions received in the period by direct child union, in one query."""
    return _by_child(Motion.objects.within(organisation).filter(date__range=(start, end)),
                     organisation, "motions")


def protection_checks(organisation: Organisation, start: dt.date,
                      end: dt.date) -> list[Problem]:
    """One query: disputes of the period closed without an outcome (the success rate would
    miss them)."""
    unresolved = (LabourDispute.objects.within(organisation)
                  .filter(date__range=(start, end), closed_on__isnull=False, outcome="")
                  .order_by("date", "pk"))
    return [Problem(message=_("Closed on %(closed)s without an outcome.")
                    % {"closed": dispute.closed_on.isoformat()},
                    url=reverse("rights:dispute_update", args=[dispute.pk]),
                    record=f"{dispute.date.isoformat()} {dispute.subject}")
            for dispute in unresolved]


def protection_by_child(organisation: Organisation, start: dt.date,
                        end: dt.date) -> dict[str, dict[str, int]]:
    """Disputes received in the period by direct child union, in one query."""
    return _by_child(LabourDispute.objects.within(organisation).filter(date__range=(start, end)),
                     organisation, "disputes")


SECTIONS = [
    Section(key="democracy", order=50, title=gettext_lazy("Democratic management"),
            compute=democratic_management, paragraph=democracy_paragraph,
            headlines=democracy_headlines, tables=democracy_tables,
            checks=democracy_checks, by_child=democracy_by_child,
            appendix=(("motions", gettext_lazy("Motions received")),)),
    Section(key="rights", order=60, title=gettext_lazy("Rights protection services"),
            compute=rights_protection, paragraph=protection_paragraph,
            headlines=protection_headlines, tables=protection_tables, charts=protection_chart,
            checks=protection_checks, by_child=protection_by_child,
            appendix=(("disputes", gettext_lazy("Labour disputes")),)),
]
