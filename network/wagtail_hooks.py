from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choosers import OrganisationChooserViewSet
from .models import Area, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "area", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_en", "address"]
    # A plain database lookup: the embedded SQLite search backend fails on field-restricted searches.
    search_backend_name = None
    chooser_viewset_class = OrganisationChooserViewSet
    chooser_per_page = 30


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_until", "source"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "code"]
    search_backend_name = None
    list_per_page = 50


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, AreaViewSet)
    menu_icon = "site"
    menu_label = _("Learning-city network")
    menu_name = "network"
    menu_order = 300


register_snippet(NetworkViewSetGroup)
