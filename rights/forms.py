from django import forms
from django.utils.translation import gettext_lazy as _

from ledger.forms import ScopedModelForm
from rights.models import (
    CollectiveContract,
    CongressSession,
    LabourDispute,
    Motion,
    Petition,
    Resolution,
)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RightsForm(ScopedModelForm):
    """Dates as date pickers; every choice of a related record cut to the active subtree."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = _date_input()
            elif isinstance(field, forms.ModelChoiceField) and name != "organisation":
                field.queryset = field.queryset.in_scope(self.scope)
        for name in ("documents", "co_signers", "reply"):
            if name in self.fields:
                self.fields[name].widget.attrs["rows"] = 3


def _form(model_class, field_names, date_label):
    meta = type("Meta", (), {"model": model_class, "fields": field_names,
                             "labels": {"date": date_label}})
    return type(f"{model_class.__name__}Form", (RightsForm,), {"Meta": meta})


SessionForm = _form(CongressSession, [
    "organisation", "kind", "term", "session_number", "date", "delegates_elected",
    "delegates_present", "documents"], _("held on"))
MotionForm = _form(Motion, [
    "organisation", "session", "number", "title", "submitter", "co_signers", "date",
    "category", "review_outcome", "merged_into", "department", "reply_deadline", "reply",
    "reply_date", "implementation", "satisfaction", "carried_over"], _("received on"))
ContractForm = _form(CollectiveContract, [
    "organisation", "title", "contract_type", "scope", "employer_party", "union_party",
    "enterprises_covered", "date", "end_date", "workers_covered"], _("signed on"))
DisputeForm = _form(LabourDispute, [
    "organisation", "subject", "employer", "dispute_type", "date", "workers_involved",
    "amount", "channel", "knew_on", "mediation_extended", "extended_until", "outcome",
    "closed_on"], _("received on"))
PetitionForm = _form(Petition, [
    "organisation", "subject", "petitioners", "date", "handled_on", "outcome"], _("received on"))


class ResolutionForm(ScopedModelForm):
    class Meta:
        model = Resolution
        fields = ["title", "votes_for", "votes_against", "votes_abstain"]
