from django import forms
from django.utils.translation import gettext_lazy as _

from competitions.models import Competition, CompetitionEntry, Honour, RationalisationProposal
from ledger.forms import ScopedModelForm, TableFormSet

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CompetitionForm(ScopedModelForm):
    class Meta:
        model = Competition
        fields = ["organisation", "kind", "title", "organiser", "level", "date", "end_date",
                  "trades", "description"]
        labels = {"date": _("start date")}
        widgets = {"date": DATE, "end_date": DATE, "trades": forms.Textarea(attrs={"rows": 4}),
                   "description": forms.Textarea(attrs={"rows": 3})}


class ProposalForm(ScopedModelForm):
    class Meta:
        model = RationalisationProposal
        fields = ["organisation", "kind", "date", "title", "submitters", "campaign", "grade",
                  "adopted", "estimated_benefit", "description"]
        widgets = {"date": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class HonourForm(ScopedModelForm):
    class Meta:
        model = Honour
        fields = ["organisation", "date", "recipient", "name", "title", "title_other",
                  "level", "awarding_body"]
        labels = {"date": _("awarded on")}
        widgets = {"date": DATE}


class EntryForm(forms.ModelForm):
    """One row of the quick-entry table of a competition."""

    class Meta:
        model = CompetitionEntry
        fields = ["name", "headcount", "trade", "placing", "award"]

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.competition = competition
        self.fields["trade"].widget.attrs["list"] = "trades"
        for name in ("headcount", "placing"):
            self.fields[name].widget.attrs["style"] = "max-width: 6rem"


EntryFormSet = forms.modelformset_factory(CompetitionEntry, form=EntryForm,
                                          formset=TableFormSet, extra=10,
                                          can_delete=True)
