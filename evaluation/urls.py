"""The private link of a self-assessment and the public verification of certificates.

Fixed addresses, outside the page tree: they are printed on certificates and sent by e-mail,
so moving or renaming a page must never break them.
"""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "evaluation"

urlpatterns = [
    path(pgettext_lazy("URL", "evaluation/dossier/<str:token>/"), views.dossier, name="dossier"),
    path(
        pgettext_lazy("URL", "evaluation/dossier/<str:token>/evidence/<int:evidence_id>/"),
        views.evidence,
        name="evidence",
    ),
    path(pgettext_lazy("URL", "evaluation/dossier/<str:token>/certificate.pdf"), views.certificate, name="certificate"),
    path(pgettext_lazy("URL", "verify/"), views.verify_form, name="verify_form"),
    path(pgettext_lazy("URL", "verify/<str:code>/"), views.verify, name="verify"),
]
