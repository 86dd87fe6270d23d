from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

from .slugs import slug_formatters

# Every slug field of the admin (pages and snippets alike) transliterates Vietnamese as the editor types.
register_form_field_override(models.SlugField, override={"widget": SlugInput(formatters=slug_formatters())})
