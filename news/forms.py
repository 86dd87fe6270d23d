from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms import FilterForm

# A module reference: the models import the views, which import this module.
from . import models


class NewsFilterForm(FilterForm):
    category = forms.ChoiceField(label=_("Category"), required=False)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100, widget=forms.HiddenInput)
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int, required=False)

    def __init__(self, *args, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *models.NewsCategory.choices]
        self.fields["campaign"].choices = [("", _("All campaigns")), *((c.pk, c.title) for c in campaigns)]

    def filter(self, items):
        data = self.valid_data()
        if data.get("category"):
            items = items.filter(category=data["category"])
        if data.get("tag"):
            # A join through the tags: each item once.
            items = items.filter(tags__name=data["tag"]).distinct()
        if data.get("campaign"):
            items = items.filter(campaign_id=data["campaign"])
        return items
