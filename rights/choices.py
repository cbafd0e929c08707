"""Choices of the rights app. Labels in English; Chinese comes from the catalog."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressKind(models.TextChoices):
    WORKERS = "workers", _("Workers' congress")
    TEACHERS = "teachers", _("Teachers' and staff congress")
    MEMBERS = "members", _("Members' representative congress")


class MotionCategory(models.TextChoices):
    OPERATIONS = "operations", _("Production and operations")
    WAGES = "wages", _("Wages and benefits")
    SAFETY = "safety", _("Labour safety and health")
    DEMOCRACY = "democracy", _("Democratic management")
    LIVING = "living", _("Workers' living conditions")
    OTHER = "other", _("Other")


class ReviewOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted as a motion")
    OPINION = "opinion", _("Not accepted, handled as an opinion")
    MERGED = "merged", _("Merged into another motion")
    EXPLAINED = "explained", _("Explained to the submitter")


class Implementation(models.TextChoices):
    IMPLEMENTED = "implemented", _("Implemented")
    IN_PROGRESS = "in_progress", _("Being implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    FAIRLY = "fairly", _("Fairly satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class ContractType(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive collective contract")
    WAGES = "wages", _("Special collective agreement on wages")
    WOMEN = "women", _("Special contract on women workers' rights")
    SAFETY = "safety", _("Special contract on labour safety and health")


class ContractScope(models.TextChoices):
    ENTERPRISE = "enterprise", _("Single enterprise")
    REGIONAL = "regional", _("Regional")
    INDUSTRY = "industry", _("Industry-wide")


class DisputeType(models.TextChoices):
    CONTRACT = "contract", _("Labour contract")
    WAGES = "wages", _("Wages")
    INJURY = "injury", _("Work injury")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")
    OTHER = "other", _("Other")


class DisputeChannel(models.TextChoices):
    MEDIATION = "mediation", _("Mediation")
    PETITION = "petition", _("Petition")
    LEGAL_AID = "legal_aid", _("Legal aid")


class DisputeOutcome(models.TextChoices):
    SETTLED = "settled", _("Mediation succeeded")
    FAILED = "failed", _("Mediation failed")
    ARBITRATION = "arbitration", _("Referred to arbitration")
    LITIGATION = "litigation", _("Referred to litigation")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PetitionOutcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    EXPLAINED = "explained", _("Explained to the petitioner")
    REFERRED = "referred", _("Referred to the competent department")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
