"""Choices of the welfare app. Labels in English; Chinese comes from the catalog."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HardshipCause(models.TextChoices):
    """Why a household is in hardship; a case may have several."""

    ILLNESS = "illness", _("Serious illness")
    EDUCATION = "education", _("Children's education")
    DISASTER = "disaster", _("Disaster or accident")
    UNEMPLOYMENT = "unemployment", _("Unemployment or lay-off")
    SINGLE_PARENT = "single_parent", _("Single parent")
    DISABILITY = "disability", _("Disability")
    OTHER = "other", _("Other")


class HardshipLevel(models.TextChoices):
    EXTREME = "extreme", _("Extreme hardship")
    HARDSHIP = "hardship", _("Hardship")


class CaseStatus(models.TextChoices):
    ON_FILE = "on_file", _("On file")
    LIFTED = "lifted", _("Lifted out of hardship")
    CLOSED = "closed", _("File closed")


class Programme(models.TextChoices):
    SPRING_FESTIVAL = "spring_festival", _("Spring Festival warmth")
    SUMMER_COOL = "summer_cool", _("Summer cooling")
    AUTUMN_TUITION = "autumn_tuition", _("Golden Autumn tuition aid")
    SERIOUS_ILLNESS = "serious_illness", _("Serious illness relief")
    DAILY_HARDSHIP = "daily_hardship", _("Daily hardship allowance")
    VISIT = "visit", _("Visits and condolences")


class VisitReason(models.TextChoices):
    SICK = "sick", _("Sick or in hospital")
    RETIRED = "retired", _("Retired worker")
    MODEL_WORKER = "model_worker", _("Model worker")
    POSTED_AWAY = "posted_away", _("Family of staff posted away")
    OTHER = "other", _("Other")


class CollectiveKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    TEAM = "team", _("Team or workshop")


class SchoolLevel(models.TextChoices):
    UNIVERSITY = "university", _("University")
    HIGH = "high", _("Senior high school")
    JUNIOR = "junior", _("Junior high school")
    PRIMARY = "primary", _("Primary school")


class GrantStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")


class RuleMeasure(models.TextChoices):
    AMOUNT = "amount", _("Cash and goods (yuan)")
    COUNT = "count", _("Number of grants")


class RulePer(models.TextChoices):
    PERSON_YEAR = "person_year", _("Per person per year")
    ILLNESS_YEAR = "illness_year", _("Per person per illness per year")


class RuleAction(models.TextChoices):
    WARN = "warn", _("Warn: the cadre must confirm")
    REFUSE = "refuse", _("Refuse")


class MutualAidCategory(models.TextChoices):
    ON_JOB = "on_job", _("On the job")
    RETIRED = "retired", _("Retired")
    ANKANG = "ankang", _("Women's Ankang")
    SPECIAL = "special", _("Special serious illness")
