"""The union tree, who holds which role on it, and the period locks set on its subtrees.

The tree is stored as a materialised path: every node carries its ancestors' keys and its
own (``"k3f9…/a81c…/"``), so "this node and all below it" is one indexed prefix predicate
(``path LIKE 'k3f9…/%'``) rather than recursion in Python.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.validators import validate_uscc

KEY_LENGTH = 8
KEY_ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyz"


def new_node_key() -> str:
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


class Level(models.IntegerChoices):
    """Rank in the federation hierarchy; a child always has a greater rank than its parent."""

    NATIONAL = 1, _("National federation")
    PROVINCE = 2, _("Provincial federation")
    CITY = 3, _("City federation")
    DISTRICT = 4, _("District or county federation")
    STREET = 5, _("Street or township federation")
    COMMUNITY = 6, _("Community joint federation")
    GRASSROOTS = 7, _("Grassroots union")
    BRANCH = 8, _("Branch union")


class Kind(models.TextChoices):
    SINGLE = "single", _("Single-employer")
    JOINT = "joint", _("Joint (several enterprises)")


class OrganisationQuerySet(models.QuerySet):
    def subtree(self, organisation: Organisation) -> OrganisationQuerySet:
        """This node and all below it."""
        return self.filter(path__startswith=organisation.checked_path)

    def within_any(self, organisations) -> OrganisationQuerySet:
        """Nodes in the subtree of any of ``organisations`` (none if the list is empty)."""
        return self.filter(subtree_q(organisations, prefix=""))

    def visible_to(self, user) -> OrganisationQuerySet:
        return self.within_any([role.organisation for role in Role.objects.of_user(user)])

    def ancestors_of(self, organisation: Organisation) -> OrganisationQuerySet:
        """This node and all above it, by the keys in its path (one indexed lookup)."""
        return self.filter(node_key__in=organisation.path_keys)


def subtree_q(organisations, *, prefix: str = "organisation__") -> Q:
    """Q object: the row's organisation lies in the subtree of one of ``organisations``.

    This is the only place the scoping predicate is written; every queryset API above and in
    the ledger base calls it.
    """
    q = Q(pk__in=[])
    for organisation in organisations:
        q |= Q(**{f"{prefix}path__startswith": organisation.checked_path})
    return q


class ScopedQuerySet(models.QuerySet):
    """Rows that belong to one organisation (``organisation`` FK), cut by subtree.

    The base of the ledger records' queryset and of every other scoped register (members).
    """

    def within(self, organisation: Organisation):
        """Rows of this organisation and of every organisation below it."""
        return self.filter(subtree_q([organisation]))

    def visible_to(self, user):
        """Rows under any node the user holds a role on."""
        return self.filter(subtree_q([r.organisation for r in Role.objects.of_user(user)]))

    def in_scope(self, scope):
        return self.within(scope.organisation)

    def within_by_ids(self, organisation: Organisation):
        """Like ``within``, cut by the subtree's organisation ids instead of a path join.

        For large registers (members: a million rows) listed in index order: with
        ``organisation_id = ANY(ids)`` PostgreSQL estimates each union's share from its own
        statistics, where the join made it guess one fortieth of the table for a union of
        168 and sort 280,000 rows to return fifty. One more (small, indexed) query.
        """
        ids = Organisation.objects.subtree(organisation).values_list("pk", flat=True)
        return self.filter(organisation_id__in=list(ids))


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        null=True,
        unique=True,
        validators=[validate_uscc],
    )
    enterprises_covered = models.PositiveIntegerField(_("enterprises covered"), default=1)
    employee_count = models.PositiveIntegerField(
        _("employees"), default=0, help_text=_("The denominator of the membership rate.")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    term_start = models.DateField(_("committee term starts"), null=True, blank=True)
    term_end = models.DateField(
        _("committee term ends"),
        null=True,
        blank=True,
        help_text=_("Re-election (换届) is due on this date."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    node_key = models.CharField(max_length=KEY_LENGTH, unique=True, default=new_node_key,
                                editable=False)
    path = models.CharField(max_length=255, unique=True, editable=False)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="org_path_prefix",
                         opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(path__endswith="/") & ~Q(path="/"), name="org_path_set"
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gt=models.F("term_start")),
                name="org_term_ordered",
            ),
            models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def checked_path(self) -> str:
        """The path, refusing to act on a node that was never placed in the tree.

        An empty path would make every prefix query match the whole tree.
        """
        if not self.path or not self.path.endswith("/"):
            raise ValueError(f"Organisation {self.pk} has no tree path.")
        return self.path

    @property
    def path_keys(self) -> list[str]:
        return [key for key in self.checked_path.split("/") if key]

    @property
    def depth(self) -> int:
        return len(self.path_keys)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_within(self, other: Organisation) -> bool:
        return self.checked_path.startswith(other.checked_path)

    def reelection_due(self, on_date) -> bool:
        return self.term_end is not None and self.term_end <= on_date


class RoleKind(models.IntegerChoices):
    """Ordered: each role can do everything the lower ones can."""

    VIEWER = 10, _("Viewer")
    CADRE = 20, _("Cadre")
    OFFICIAL = 30, _("Official")


class RoleQuerySet(models.QuerySet):
    def of_user(self, user) -> RoleQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user).select_related("organisation").order_by(
            "organisation__path"
        )


class Role(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="union_roles",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="roles",
    )
    kind = models.PositiveSmallIntegerField(_("role"), choices=RoleKind.choices)
    sees_personal_data = models.BooleanField(
        _("sees full personal data"), default=False,
        help_text=_("Shows ID numbers and phone numbers unmasked for this union and below; "
                    "every such view is written to the audit log."),
    )

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="role_unique_per_node"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.organisation}"


class AccessAction(models.TextChoices):
    FULL_VIEW = "full_view", _("Viewed unmasked personal data")
    EXPORT = "export", _("Exported personal data")


class AccessLog(models.Model):
    """Who saw or exported personal data, of which union, when: read by officials and audits."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                             on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=12, choices=AccessAction.choices)
    subject = models.CharField(_("subject"), max_length=200)
    records = models.PositiveIntegerField(_("records"), default=1)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} {self.subject}"


class PeriodLock(models.Model):
    """A year (or its first months) locked for an organisation's whole subtree: no record
    dated in it may change. Approving a 上半年 report locks January to June only."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="period_locks",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    through_month = models.PositiveSmallIntegerField(
        _("locked through month"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("12 locks the whole year; 6 locks January to June."))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("locked by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period lock")
        verbose_name_plural = _("period locks")
        ordering = ["-year", "organisation__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="lock_unique_year"),
        ]

    def __str__(self) -> str:
        if self.through_month < 12:
            return f"{self.organisation} {self.year}-01..{self.through_month:02d}"
        return f"{self.organisation} {self.year}"
