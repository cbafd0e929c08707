from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, SubEvent
from ledger.forms import ScopedModelForm, TableFormSet

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityForm(ScopedModelForm):
    class Meta:
        model = Activity
        fields = ["organisation", "category", "title", "date", "end_date", "participants",
                  "person_times", "description", "sessions", "trainees", "hours",
                  "dangers_found", "dangers_fixed", "items_reported"]
        labels = {"date": _("start date"), "organisation": _("organising union")}
        widgets = {"date": DATE, "end_date": DATE,
                   "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"sessions": _("Training only."), "dangers_found": _("Safety only."),
                      "items_reported": _("Publicity only.")}


class SubEventForm(forms.ModelForm):
    class Meta:
        model = SubEvent
        fields = ["name", "participants", "results"]
        widgets = {"results": forms.Textarea(attrs={"rows": 1})}

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.activity = activity


SubEventFormSet = forms.modelformset_factory(SubEvent, form=SubEventForm,
                                             formset=TableFormSet, extra=8,
                                             can_delete=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else single(data, initial)


class PhotoUploadForm(forms.Form):
    """Several photos at once: every file is checked, and all are attached or none."""

    photos = MultipleFileField(label=_("photos (JPEG, PNG or WebP)"))
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
