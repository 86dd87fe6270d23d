"""Listing filters: plain GET forms, so that a filtered list has an address people can share."""

from django import forms
from django.utils.translation import gettext_lazy as _

# A module reference: the models import the views, which import this module.
from . import models


class FilterForm(forms.Form):
    """A listing filter: invalid choices are reported next to their field and the others still apply."""

    def valid_data(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}-error"})
        return self.cleaned_data


class CampaignFilterForm(FilterForm):
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=None, to_field_name="slug", required=False, empty_label=_("All kinds")
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = models.CampaignKind.objects.all()
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]

    def filter(self, campaigns):
        data = self.valid_data()
        if data.get("kind"):
            campaigns = campaigns.filter(kind=data["kind"])
        if data.get("year"):
            campaigns = campaigns.filter(year=data["year"])
        return campaigns


class StoryFilterForm(FilterForm):
    title = forms.ChoiceField(label=_("Title earned"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int, required=False)

    def __init__(self, *args, districts=(), campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].choices = [("", _("All titles")), *models.StoryTitle.choices]
        self.fields["district"].choices = [("", _("All districts")), *((d, d) for d in districts)]
        self.fields["campaign"].choices = [("", _("All campaigns")), *((c.pk, c.title) for c in campaigns)]

    def filter(self, stories):
        data = self.valid_data()
        if data.get("title"):
            stories = stories.filter(earned_title=data["title"])
        if data.get("district"):
            stories = stories.filter(district=data["district"])
        if data.get("campaign"):
            stories = stories.filter(campaign_id=data["campaign"])
        return stories
