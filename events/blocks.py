"""StreamField blocks of event pages: the agenda and the attachments."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("time"), max_length=40, help_text=_("e.g. 08:00 – 08:30"))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    speaker = blocks.CharBlock(label=_("speaker"), max_length=200, required=False)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), max_length=200, required=False, help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Attachment")


class AttachmentsBlock(blocks.StreamBlock):
    attachment = AttachmentBlock()
