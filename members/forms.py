"""Forms of the member register: entry and edit, leaving the register, and the list's filters.

Entry and edit save through ``members.services.member_save`` (via ``ScopedModelForm``), so a
wrong check digit, a gender that disagrees with the ID number or a second active membership
come back as errors on the field they concern, exactly as in the admin and the import.
"""

from __future__ import annotations

import datetime as dt
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ledger.crud import id_param
from ledger.forms import ScopedModelForm
from members.choices import EmploymentForm, Gender, MemberStatus
from members.models import Member
from members.services import member_save
from organisations.models import KEY_LENGTH

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEAVING_STATUSES = [(s.value, s.label) for s in MemberStatus if s != MemberStatus.ACTIVE]


class MemberForm(ScopedModelForm):
    """A member's own fields plus the plaintext document number, which is never stored."""

    document_number = forms.CharField(label=capfirst(_("document number")), max_length=32,
                                      required=False)
    field_order = ["organisation", "name", "gender", "document_type", "document_number",
                   "birth_date", "ethnicity", "phone", "education", "employment_form",
                   "join_date", "model_worker_level"]

    class Meta:
        model = Member
        fields = ["organisation", "name", "gender", "document_type", "birth_date", "ethnicity",
                  "phone", "education", "employment_form", "join_date", "model_worker_level"]
        widgets = {"birth_date": DATE_INPUT, "join_date": DATE_INPUT}
        labels = {"name": capfirst(_("full name"))}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.fields["document_number"]
        if self.instance.pk is None:
            number.required = True
        else:
            # A member changes union by a transfer, never by editing (the service refuses).
            self.fields["organisation"].disabled = True
            number.help_text = _("Leave empty to keep the stored number (%(masked)s).") % {
                "masked": self.instance.masked_document_number}

    def clean_document_number(self) -> str | None:
        """None means "keep the stored number", which member_save understands."""
        return self.cleaned_data["document_number"].strip() or None

    def save_member(self, actor) -> Member | None:
        """Save through the register's service; None with errors on the form on refusal."""
        return self.save_with(member_save, actor=actor,
                              document_number=self.cleaned_data["document_number"])


class LeaveForm(forms.Form):
    """Why and since when a member is no longer on the register (field names as the model's,
    so the service's errors land on them)."""

    status = forms.ChoiceField(label=_("reason"), choices=LEAVING_STATUSES)
    status_date = forms.DateField(label=_("since"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_date"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Take off the register"),
                                     css_class="btn-danger"))

    def clean_status_date(self) -> dt.date:
        date = self.cleaned_data["status_date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


SORTS = {
    # key shown in the URL -> (label, ordering). Every ordering ends on the primary key so
    # that keyset pagination has a strict total order; all its parts share one direction.
    # The default follows the index member_org_name (union, name, id), as Member.Meta does.
    "organisation": (_("union, then name"), ("organisation_id", "name", "id")),
    "name": (_("name"), ("name", "id")),
    "-join_date": (_("newest members first"), ("-join_date", "-id")),
    "join_date": (_("oldest members first"), ("join_date", "id")),
}
DEFAULT_SORT = "organisation"
PHONE_PART = re.compile(r"^1\d{2,10}$")
LAST4 = re.compile(r"^[0-9A-Z]{4}$")


class UnionChoices(BaseChoiceIterator):
    """The union filter's options: the scope down to ``DEPTH_SHOWN`` levels below its top,
    indented, plus the union chosen. A city's scope holds tens of thousands of unions;
    listing them all would cost more than the page (any union of the scope can still be
    chosen by its id, e.g. from the organisation pages). A BaseChoiceIterator, so Django
    leaves it lazy: one query, when the select is drawn."""

    DEPTH_SHOWN = 2

    def __init__(self, scope, chosen):
        self.scope = scope
        self.chosen = id_param(chosen)

    def __iter__(self):
        yield "", _("whole scope")
        top = self.scope.organisation.depth
        shallow = Q(path_length__lte=(top + self.DEPTH_SHOWN) * (KEY_LENGTH + 1))
        unions = (self.scope.organisations().annotate(path_length=Length("path"))
                  .filter(shallow | Q(pk=self.chosen)).only("pk", "name", "path"))
        for union in unions:
            yield union.pk, "— " * (union.depth - top) + union.name


def _blank_first(choices) -> list[tuple[str, str]]:
    return [("", _("all"))] + [(c.value, c.label) for c in choices]


class MemberFilterForm(forms.Form):
    """The list's search and filters; every value is validated before it reaches a query."""

    name = forms.CharField(label=_("name begins with"), max_length=50, required=False)
    id_last4 = forms.CharField(label=_("last 4 of ID"), max_length=4, required=False)
    phone = forms.CharField(label=_("mobile begins with"), max_length=11, required=False)
    organisation = forms.ModelChoiceField(label=_("union"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=_blank_first(MemberStatus))
    gender = forms.ChoiceField(label=_("gender"), required=False, choices=_blank_first(Gender))
    employment_form = forms.ChoiceField(label=_("employment form"), required=False,
                                        choices=_blank_first(EmploymentForm))
    join_year = forms.IntegerField(label=_("join year"), required=False, min_value=1900,
                                   max_value=2100)
    sort = forms.ChoiceField(label=_("sort by"), required=False,
                             choices=[(key, label) for key, (label, _o) in SORTS.items()])

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        unions = self.fields["organisation"]
        unions.queryset = scope.organisations()  # what may be chosen: the whole scope
        unions.widget.choices = UnionChoices(scope, self.data.get("organisation"))
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"

    def clean_id_last4(self) -> str:
        value = self.cleaned_data["id_last4"].strip().upper()
        if value and not LAST4.fullmatch(value):
            raise forms.ValidationError(_("Give the last four characters of the number."))
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        if value and not PHONE_PART.fullmatch(value):
            raise forms.ValidationError(
                _("Give the first three to eleven digits of a mobile number."))
        return value

    def values(self) -> dict:
        """The valid filters only: an invalid one is reported on the form and ignored."""
        self.is_valid()
        data = dict(getattr(self, "cleaned_data", {}))
        data["sort"] = data.get("sort") or DEFAULT_SORT
        return data

    def ordering(self) -> tuple[str, ...]:
        return SORTS[self.values()["sort"]][1]

    def filter(self, members):
        """Apply the filters, each in a form one of the register's indexes can serve (the
        union is applied by the view, which cuts the scope with it)."""
        data = self.values()
        if data.get("name"):
            members = members.filter(name__startswith=data["name"].strip())
        if data.get("id_last4"):
            members = members.filter(id_last4=data["id_last4"])
        if data.get("phone"):
            members = members.filter(**_phone_range(data["phone"]))
        for field in ("status", "gender", "employment_form"):
            if data.get(field):
                members = members.filter(**{field: data[field]})
        if data.get("join_year"):
            year = data["join_year"]
            members = members.filter(join_date__gte=dt.date(year, 1, 1),
                                     join_date__lt=dt.date(year + 1, 1, 1))
        return members


def _phone_range(prefix: str) -> dict:
    """A prefix as a range of 11-digit numbers: the plain b-tree index on ``phone`` serves a
    range under any collation, where ``LIKE 'p%'`` needs a pattern index or the C locale."""
    if len(prefix) == 11:
        return {"phone": prefix}
    return {"phone__gte": prefix.ljust(11, "0"), "phone__lte": prefix.ljust(11, "9")}
