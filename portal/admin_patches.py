"""Admin text that Wagtail 8.0 builds from English code names instead of translatable strings.

A catalogue cannot reach these, so they are fixed where they are made, once, at start-up
(PortalConfig.ready). tests/test_admin_i18n.py renders the screens in Vietnamese and fails if
English comes back, for instance after a Wagtail upgrade changes these views.
"""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.admin.views.pages.search import SearchView
from wagtail.contrib.search_promotions.forms import SearchPromotionsFormSet
from wagtail.contrib.simple_translation.models import SimpleTranslation
from wagtail.models import Locale, Page, Site
from wagtail.sites import views as site_views


def _name_models_django_would_name_in_english():
    """Without verbose names Django derives "locale"/"locales" from the class name: the locale
    listing counted "2 locales" and the group permissions listed "Simple translation".
    Only _meta changes: migrations read Meta's original attributes, so none follows."""
    Locale._meta.verbose_name = _("locale")
    Locale._meta.verbose_name_plural = _("locales")
    SimpleTranslation._meta.verbose_name = _("translation")
    SimpleTranslation._meta.verbose_name_plural = _("translations")


def _label_columns_with_verbose_names(columns, model):
    """Columns given no label get "Site name" from the attribute name: use the field's verbose name."""
    for column in columns:
        if column.label != capfirst(column.name.replace("_", " ")):
            continue
        try:
            column.label = capfirst(model._meta.get_field(column.name).verbose_name)
        except FieldDoesNotExist:
            continue


def apply():
    _name_models_django_would_name_in_english()
    _label_columns_with_verbose_names(site_views.IndexView.columns, Site)
    # The page search's count read "1-2 of 2 None": the view names no model.
    SearchView.verbose_name = Page._meta.verbose_name
    SearchView.verbose_name_plural = Page._meta.verbose_name_plural
    # Form fields without a label are labelled from their name: "Password", "Page", "External link text".
    LoginForm.base_fields["password"].label = AuthenticationForm.base_fields["password"].label
    WorkflowPageForm.base_fields["page"].label = capfirst(Page._meta.verbose_name)
    SearchPromotionsFormSet.form.base_fields["external_link_text"].label = _("External link text")
