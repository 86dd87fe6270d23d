"""One chooser for every organisation field of the admin: searchable without accents, filtered by
kind, 30 units a page, and a tab to add a missing unit (with its kind and area) on the spot.

It is Wagtail's snippet chooser (``SnippetChooserViewSet``) with its own filter and creation
forms, so single fields keep Wagtail's chooser widget and many-to-many fields open the same modal
in multiple mode (``widgets.OrganisationsChooser``).
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from search.text import fold

from .models import Area, Organisation, OrganisationKind


class OrganisationFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, English name or area; accents optional")}),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices])

    def filter(self, objects):
        kind = self.cleaned_data.get("kind")
        if kind:
            objects = objects.filter(kind=kind)
        query = fold(self.cleaned_data.get("q") or "").split()
        if query:
            self.is_searching = True
            self.search_query = self.cleaned_data["q"]
            objects = objects.filter(pk__in=matching_ids(objects, query))
        return objects


def matching_ids(objects, words):
    """Units whose folded name, English name or area holds every word ("truong thcs q1" finds
    "Trường THCS … (Quận 1)"). Folding happens in Python, as SQLite cannot fold đ or ầ."""
    rows = objects.values_list("pk", "name", "name_en", "area__name")
    return [pk for pk, *texts in rows if all(word in fold(" ".join(filter(None, texts))) for word in words)]


class OrganisationCreationForm(forms.ModelForm):
    """The few fields that place a new unit; the rest is filled in later under Organisations."""

    class Meta:
        model = Organisation
        fields = ["name", "name_en", "kind", "area"]

    def __init__(self, *args, **kwargs):
        # Its fields share the modal with the search form's: their ids must not clash.
        kwargs.setdefault("auto_id", "id_new_%s")
        super().__init__(*args, **kwargs)
        # Units are placed in today's areas; areas abolished by the 2025 reform are history.
        self.fields["area"].queryset = (
            Area.objects.valid_on(datetime.date.today())
            .select_related("parent")
            .order_by("level", "parent__name", "name")
        )
        self.fields["area"].label_from_instance = lambda area: (
            f"{area.name} – {area.parent.name}" if area.parent_id else area.name
        )


class OrganisationChooseMixin:
    filter_form_class = OrganisationFilterForm

    def get_object_list(self):
        return Organisation.objects.filter(is_active=True).select_related("area")

    @property
    def columns(self):
        title, *others = super().columns
        title.label = _("Name")
        return [
            title,
            *others,
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
        ]


class OrganisationChooseView(OrganisationChooseMixin, ChooseView):
    pass


class OrganisationChooseResultsView(OrganisationChooseMixin, ChooseResultsView):
    pass


class OrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    creation_form_class = OrganisationCreationForm
    create_action_label = _("Add a unit")
    create_action_clicked_label = _("Adding…")
    creation_tab_label = _("Add a missing unit")
