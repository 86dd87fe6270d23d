"""The document upload form used everywhere in the admin, with upload errors an editor can act on."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

UPLOAD_ERRORS = {"type_not_allowed", "too_large"}


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
                code="type_not_allowed",
            )
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if limit is not None and upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s): the limit is %(limit)s. Compress it or split it into parts.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        return upload

    def _post_clean(self):
        super()._post_clean()
        # When the upload is refused, the model's own extension check sees the old (empty) file and
        # adds a second, English message: the editor needs only ours.
        refused = [e for e in self.errors.get("file", self.error_class()).as_data() if e.code in UPLOAD_ERRORS]
        if refused:
            self._errors["file"] = self.error_class(refused)
