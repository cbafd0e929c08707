"""劳动竞赛与职工素质: competitions and their entries, rationalisation proposals, honours.

Competitions, proposals and honours are ledger records (one organisation, one date, scoped,
audited, lockable). An entry belongs to its competition: it is scoped through it and its
writes check the competition's place and period lock (``competitions.services``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ledger.base import LedgerRecord
from members.models import Member
from organisations.models import ScopedQuerySet, subtree_q


class CompetitionKind(models.TextChoices):
    LABOUR = "labour", _("labour competition (劳动竞赛)")
    SKILL = "skill", _("skill contest (技能竞赛·技术比武)")
    DRILL = "drill", _("on-the-job drill (岗位练兵)")
    ANKANG = "ankang", _("Ankang Cup (安康杯)")
    OTHER = "other", _("other")


class Organiser(models.TextChoices):
    OWN = "own", _("organised by this union")
    HIGHER = "higher", _("entered in a higher body's contest")


class Level(models.TextChoices):
    NATIONAL = "national", _("national (全国)")
    PROVINCE = "province", _("provincial (省)")
    CITY = "city", _("city (市)")
    COUNTY = "county", _("district or county (区县)")
    GROUP = "group", _("group or system (集团·系统)")
    OWN = "own", _("own unit (本单位)")


def split_list(text: str) -> list[str]:
    """A list typed one item a line (or separated by commas or 、), blanks and repeats dropped."""
    items = []
    for raw in text.replace("，", "\n").replace(",", "\n").replace("、", "\n").splitlines():
        item = raw.strip()
        if item and item not in items:
            items.append(item)
    return items


class Competition(LedgerRecord):
    kind = models.CharField(_("kind"), max_length=8, choices=CompetitionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    organiser = models.CharField(_("organised by"), max_length=8, choices=Organiser.choices,
                                 default=Organiser.OWN)
    level = models.CharField(_("level of the contest"), max_length=10, choices=Level.choices,
                             default=Level.OWN)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    trades = models.TextField(_("trades (工种)"), blank=True,
                              help_text=_("One trade a line; entries must name one of them."))
    description = models.TextField(_("description"), blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    @property
    def trade_list(self) -> list[str]:
        return split_list(self.trades)

    def clean(self):
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.organiser == Organiser.HIGHER and self.level == Level.OWN:
            errors["level"] = _("Say at which level the higher body's contest was held.")
        if errors:
            raise ValidationError(errors)


class EntryQuerySet(ScopedQuerySet):
    def within(self, organisation):
        return self.filter(subtree_q([organisation], prefix="competition__organisation__"))


class CompetitionEntry(models.Model):
    """One contestant (a member, or a named person) or a team/unit in one competition."""

    competition = models.ForeignKey(Competition, verbose_name=_("competition"),
                                    on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey(Member, verbose_name=_("member"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("person, team or unit"), max_length=100, blank=True)
    headcount = models.PositiveIntegerField(_("persons"), default=1,
                                            help_text=_("Team members; 1 for a person."))
    trade = models.CharField(_("trade"), max_length=50, blank=True)
    placing = models.PositiveSmallIntegerField(
        _("placing"), null=True, blank=True,
        help_text=_("1 for first place; leave empty when not placed."))
    award = models.CharField(_("award"), max_length=100, blank=True)

    objects = EntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competition entry")
        verbose_name_plural = _("competition entries")
        ordering = ["trade", "placing", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (self.member.name if self.member_id else "")

    def clean(self):
        errors = {}
        if not self.name and not self.member_id:
            errors["name"] = _("Choose a member or type a person's, team's or unit's name.")
        if self.placing == 0:
            errors["placing"] = _("Placings start at 1.")
        if self.headcount == 0:
            errors["headcount"] = _("An entry has at least one person.")
        competition = getattr(self, "competition", None) if self.competition_id else None
        if competition is not None:
            trades = competition.trade_list
            if trades and self.trade and self.trade not in trades:
                errors["trade"] = _("“%(trade)s” is not a trade of this competition.") % {
                    "trade": self.trade}
            if self.member_id and not self.member.organisation.is_within(
                    competition.organisation):
                errors["member"] = _("The member belongs to a union outside this "
                                     "competition's union.")
        if errors:
            raise ValidationError(errors)


class ProposalKind(models.TextChoices):
    PROPOSAL = "proposal", _("rationalisation proposal (合理化建议)")
    INNOVATION = "innovation", _("small innovation (五小成果)")


class Grade(models.TextChoices):
    FIRST = "first", _("first prize (一等)")
    SECOND = "second", _("second prize (二等)")
    THIRD = "third", _("third prize (三等)")
    MERIT = "merit", _("merit award (优秀)")
    NONE = "none", _("no award (未获奖)")


class RationalisationProposal(LedgerRecord):
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices,
                            default=ProposalKind.PROPOSAL)
    title = models.CharField(_("title"), max_length=200)
    submitters = models.CharField(_("submitted by"), max_length=200)
    campaign = models.CharField(_("campaign"), max_length=50, blank=True,
                                help_text=_("For example 2025上半年."))
    grade = models.CharField(_("grade"), max_length=8, choices=Grade.choices,
                             default=Grade.NONE)
    adopted = models.BooleanField(_("adopted"), default=False)
    estimated_benefit = models.DecimalField(_("estimated benefit (yuan)"), max_digits=14,
                                            decimal_places=2, default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("rationalisation proposal")
        verbose_name_plural = _("rationalisation proposals")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.estimated_benefit is not None and self.estimated_benefit < 0:
            raise ValidationError({"estimated_benefit": _("The benefit cannot be negative.")})


class Recipient(models.TextChoices):
    PERSON = "person", _("person")
    COLLECTIVE = "collective", _("collective (union, team or unit)")


class HonourTitle(models.TextChoices):
    MODEL_WORKER = "model_worker", _("model worker (劳动模范)")
    MAY_DAY_MEDAL = "may_day_medal", _("May Day Labour Medal (五一劳动奖章)")
    PIONEER = "pioneer", _("Workers' Pioneer (工人先锋号)")
    ADVANCED = "advanced", _("advanced worker (先进工作者)")
    MODEL_HOME = "model_home", _("model workers' home (模范职工之家)")
    MOST_BEAUTIFUL = "most_beautiful", _("most beautiful worker (最美职工)")
    OTHER = "other", _("other")


class Honour(LedgerRecord):
    recipient = models.CharField(_("awarded to"), max_length=10, choices=Recipient.choices,
                                 default=Recipient.PERSON)
    member = models.ForeignKey(Member, verbose_name=_("member"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name of the person or collective"), max_length=100,
                            blank=True)
    title = models.CharField(_("honour"), max_length=16, choices=HonourTitle.choices)
    title_other = models.CharField(_("other honour"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    awarding_body = models.CharField(_("awarded by"), max_length=100, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = _("honour")
        verbose_name_plural = _("honours")

    def __str__(self) -> str:
        return f"{self.display_name} · {self.get_title_display()}"

    @property
    def display_name(self) -> str:
        return self.name or (self.member.name if self.member_id else "")

    def clean(self):
        errors = {}
        if not self.name and not self.member_id:
            errors["name"] = _("Choose a member or type the name.")
        if self.member_id and self.recipient == Recipient.COLLECTIVE:
            errors["member"] = _("A collective is named, not chosen among members.")
        if self.title == HonourTitle.OTHER and not self.title_other:
            errors["title_other"] = _("Name the honour.")
        if errors:
            raise ValidationError(errors)
