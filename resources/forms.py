"""The document upload form used everywhere in the admin, with upload errors an editor can act on."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Checked in clean_file with a message that names the allowed types.
            self.fields["file"].max_upload_size = None
            self.fields["file"].help_text = _("Allowed types: %(types)s. Maximum size: %(size)s.") % {
                "types": ", ".join(settings.WAGTAILDOCS_EXTENSIONS),
                "size": filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE),
            }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or upload == self.original_file:
            return upload
        extension = Path(upload.name).suffix.lower().lstrip(".")
        allowed = settings.WAGTAILDOCS_EXTENSIONS
        if extension not in allowed:
            raise ValidationError(
                _("Files of type “%(extension)s” cannot be uploaded. Allowed types: %(types)s.")
                % {"extension": extension or _("no extension"), "types": ", ".join(allowed)},
                code="invalid_extension",
            )
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if limit is not None and upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s): the limit is %(limit)s. Compress it or split it into parts.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        return upload

    def _post_clean(self):
        if "file" in self._errors:
            # The model repeats the extension check in English; the error above already says it.
            self.instance.clean = lambda: None
        super()._post_clean()
