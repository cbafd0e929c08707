"""Forms of the welfare pages. Choices of members, cases and drives are cut to the active
subtree; illness fields exist only for roles that handle cases (``welfare.access``), so a
form never shows, nor overwrites, what the role may not see."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ledger.forms import FiniteDecimalField, ScopedModelForm, TableFormSet
from members.models import Member
from welfare.access import handles_cases
from welfare.choices import HardshipCause, Programme, VisitReason
from welfare.models import (
    AidGrant,
    AidRule,
    CaseReview,
    DonationDrive,
    HardshipCase,
    MutualAidEnrolment,
)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _members(scope, keep=None):
    """Members on the register in the subtree (and the one already chosen, whatever its
    status now)."""
    members = Member.objects.in_scope(scope)
    return members.filter(Q(status="active") | Q(pk=keep)).order_by("name", "pk")


class ModelErrorsOnTheForm:
    """A model's error about a field the form leaves out (the recipient of a batch row, an
    illness hidden from this role) is shown above the form, named, instead of failing."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            moved = {}
            for field, messages in errors.error_dict.items():
                if field in self.fields or field == NON_FIELD_ERRORS:
                    moved.setdefault(field, []).extend(messages)
                else:
                    label = capfirst(self.instance._meta.get_field(field).verbose_name)
                    moved.setdefault(NON_FIELD_ERRORS, []).extend(
                        ValidationError(f"{label}: {message}") for message in
                        ValidationError(messages).messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)


class WelfareForm(ModelErrorsOnTheForm, ScopedModelForm):
    """Dates as date pickers; every related record's choices cut to the active subtree."""

    sensitive_fields = ("illness_details", "illness")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = _date_input()
        if "member" in self.fields:
            self.fields["member"].queryset = _members(self.scope, self.instance.member_id)
        if "case" in self.fields:
            self.fields["case"].queryset = HardshipCase.objects.in_scope(
                self.scope).select_related("member").order_by("name", "pk")
        if "drive" in self.fields:
            self.fields["drive"].queryset = DonationDrive.objects.in_scope(self.scope)
        if not handles_cases(self.scope):
            for name in self.sensitive_fields:
                self.fields.pop(name, None)
        for name in ("note", "findings", "illness_details", "override_reason"):
            if name in self.fields:
                self.fields[name].widget.attrs["rows"] = 2


class CaseForm(WelfareForm):
    causes = forms.MultipleChoiceField(label=_("causes of hardship"),
                                       choices=HardshipCause.choices,
                                       widget=forms.CheckboxSelectMultiple)
    document_number = forms.CharField(
        label=_("ID number"), required=False, max_length=30,
        help_text=_("For a worker who is not a member. Stored encrypted; left empty on an "
                    "existing case, the number on file is kept."))

    class Meta:
        model = HardshipCase
        fields = ["organisation", "date", "member", "name", "document_type",
                  "document_number", "causes", "household_size", "monthly_income_per_head",
                  "level", "illness_details", "next_review_date", "note"]
        labels = {"date": _("filed on")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("For a worker who is not a member.")
        if self.instance.pk:
            self.initial["causes"] = self.instance.cause_list

    def clean_causes(self):
        return ",".join(self.cleaned_data["causes"])

    def save_case(self, service, *, actor):
        number = self.cleaned_data.get("document_number") or None
        return self.save_with(service, actor=actor, document_number=number)


class ReviewForm(WelfareForm):
    class Meta:
        model = CaseReview
        fields = ["date", "status", "level", "next_review_date", "findings"]
        labels = {"date": _("reviewed on")}


class GrantForm(WelfareForm):
    class Meta:
        model = AidGrant
        fields = ["organisation", "date", "programme", "visit_reason", "member", "case",
                  "collective_name", "collective_kind", "headcount", "illness", "cash",
                  "goods", "student_name", "school_level", "school", "drive", "note",
                  "override_reason"]
        help_texts = {
            "member": _("The recipient is one of: a member, a hardship case, or a "
                        "collective (an enterprise or a team, with its headcount)."),
            "school_level": _("For Golden Autumn tuition aid."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.inputs = []


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_("paid on"), widget=_date_input())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class BatchHeaderForm(forms.Form):
    """What every row of a festival round shares."""

    date = forms.DateField(label=_("date"), widget=_date_input())
    programme = forms.ChoiceField(label=_("programme"), choices=Programme.choices)
    visit_reason = forms.ChoiceField(label=_("reason for the visit"), required=False,
                                     choices=[("", "—"), *VisitReason.choices])

    def clean(self):
        cleaned = super().clean()
        visit = cleaned.get("programme") == Programme.VISIT
        if visit and not cleaned.get("visit_reason"):
            self.add_error("visit_reason", _("Give the reason for the visit."))
        if cleaned.get("visit_reason") and not visit:
            self.add_error("visit_reason", _("Only a visit has a reason."))
        return cleaned


class BatchRowForm(ModelErrorsOnTheForm, forms.ModelForm):
    """One recipient of a festival round: a member or a hardship case of the union."""

    class Meta:
        model = AidGrant
        fields = ["member", "case", "illness", "cash", "goods", "student_name",
                  "school_level", "school", "note"]
        field_classes = {"cash": FiniteDecimalField, "goods": FiniteDecimalField}

    def __init__(self, *args, organisation, scope, header=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            organisation=organisation, status="active").order_by("name", "pk")
        self.fields["case"].queryset = HardshipCase.objects.within(organisation).order_by(
            "name", "pk").select_related("member")
        if not handles_cases(scope):
            self.fields.pop("illness")
        for name in ("cash", "goods"):
            self.fields[name].widget.attrs["class"] = "form-control money-input"
        self.instance.organisation = organisation
        if header is not None:
            self.instance.date = header["date"]
            self.instance.programme = header["programme"]
            self.instance.visit_reason = header["visit_reason"]


BatchFormSet = forms.modelformset_factory(AidGrant, form=BatchRowForm, formset=TableFormSet,
                                          extra=15, can_delete=False)


class DriveForm(WelfareForm):
    class Meta:
        model = DonationDrive
        fields = ["organisation", "date", "title", "purpose", "donors", "total"]
        labels = {"date": _("launched on")}


class EnrolmentForm(WelfareForm):
    class Meta:
        model = MutualAidEnrolment
        fields = ["organisation", "date", "unit", "all_staff", "persons", "on_job_persons",
                  "on_job_premium", "retired_persons", "retired_premium", "ankang_persons",
                  "ankang_premium", "special_persons", "special_premium", "claims_paid",
                  "claims_amount"]
        labels = {"date": _("enrolled on")}


class RuleForm(WelfareForm):
    class Meta:
        model = AidRule
        fields = ["organisation", "title", "source_document", "programme", "visit_reason",
                  "measure", "per", "limit", "action", "valid_from", "valid_until", "active"]
