"""Plain text out of pages and of the PDF/DOCX documents they list, bounded in size."""

import hashlib
import logging
import re
from html import unescape

from django.utils.html import strip_tags

from .models import ExtractedText

logger = logging.getLogger(__name__)

MAX_DOCUMENT_CHARS = 100_000
MAX_DOCUMENT_PAGES = 200
MAX_BODY_CHARS = 200_000
_SPACES = re.compile(r"\s+")


def plain(value):
    """Any searchable value (string, rich text HTML, StreamField content list) as one line."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(plain(item) for item in value)
    text = str(value)
    if "<" in text:
        text = unescape(strip_tags(text.replace("<", " <")))
    return _SPACES.sub(" ", text).strip()


def _pdf_text(file):
    from pypdf import PdfReader

    reader = PdfReader(file)
    parts, size = [], 0
    for pdf_page in reader.pages[:MAX_DOCUMENT_PAGES]:
        text = pdf_page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_DOCUMENT_CHARS:
            break
    return " ".join(parts)


def _docx_text(file):
    import docx

    document = docx.Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(parts)


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text}


def _file_hash(document):
    if getattr(document, "file_hash", ""):
        return document.file_hash
    digest = hashlib.sha1()
    with document.open_file() as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_text(document):
    """The text of a Wagtail Document if it is a PDF or DOCX; '' for anything unreadable."""
    extractor = EXTRACTORS.get(document.file_extension.lower())
    if extractor is None:
        return ""
    try:
        file_hash = _file_hash(document)
        cached = ExtractedText.objects.filter(file_hash=file_hash).first()
        if cached is not None:
            return cached.text
        with document.open_file() as handle:
            text = plain(extractor(handle))[:MAX_DOCUMENT_CHARS]
    except Exception:
        # A corrupt or encrypted file must not stop the page from being indexed.
        logger.warning("Could not extract the text of document %s", document.pk, exc_info=True)
        return ""
    ExtractedText.objects.update_or_create(file_hash=file_hash, defaults={"text": text})
    return text
