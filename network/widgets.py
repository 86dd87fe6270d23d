"""The many-to-many organisation field of the admin: the chosen units listed by name, each with a
remove button, and a button that opens the organisation chooser in multiple mode."""

import json

from django import forms
from wagtail.admin.telepath import JSContext
from wagtail.snippets.widgets import AdminSnippetChooser

from .models import Organisation


class OrganisationsChooser(forms.SelectMultiple):
    template_name = "network/widgets/organisations_chooser.html"

    def _chooser(self):
        context = JSContext()
        packed = context.pack(AdminSnippetChooser(Organisation))
        return json.dumps(packed), context.media

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [int(v) for v in (value or []) if str(v).isdigit()]
        chosen = {o.pk: o for o in Organisation.objects.filter(pk__in=ids).select_related("area")}
        context["chosen"] = [chosen[pk] for pk in ids if pk in chosen]
        context["chooser"], _media = self._chooser()
        return context

    @property
    def media(self):
        return self._chooser()[1] + forms.Media(
            js=["network/js/organisations-chooser.js"], css={"all": ["network/css/organisations-chooser.css"]}
        )
