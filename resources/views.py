from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header

from .services import record_download


def _restricted(request, document):
    return any(not r.accept_request(request) for r in document.collection.get_view_restrictions())


def serve_document(request, page, as_attachment):
    """Send the resource's file (counting downloads, not previews) the way the deployment serves files best."""
    document = page.document
    if document is None or (not as_attachment and document.file_extension.lower() != "pdf"):
        raise Http404
    if _restricted(request, document):
        # Wagtail's own document view asks for the collection's password or a login.
        return redirect(document.url)
    if as_attachment:
        record_download(request, page)
    method = settings.RESOURCES_SENDFILE
    if method in {"x-accel-redirect", "x-sendfile"}:
        response = HttpResponse(content_type=document.content_type)
        if method == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.RESOURCES_SENDFILE_PREFIX + document.file.name
        else:
            response["X-Sendfile"] = document.file.path
        response["Content-Disposition"] = content_disposition_header(as_attachment, document.filename)
    else:
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle, as_attachment=as_attachment, filename=document.filename, content_type=document.content_type
        )
    if not as_attachment:
        # The page embeds its own PDF preview; other sites may not.
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Content-Security-Policy"] = "frame-ancestors 'self'"
    response["Cache-Control"] = "private, max-age=3600"
    return response
