"""Machine-readable descriptions of a resource: schema.org LearningResource (LRMI) and Dublin Core."""

import json

from django.utils import translation
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from portal.links import public_url

from .models import ResourceKind

# DCMI Type Vocabulary terms for each kind of resource.
DC_TYPES = {
    ResourceKind.DOCUMENT: "Text",
    ResourceKind.VIDEO: "MovingImage",
    ResourceKind.AUDIO: "Sound",
    ResourceKind.COURSE: "InteractiveResource",
    ResourceKind.IMAGES: "StillImage",
}


def _cover_url(page, rendition=None):
    if rendition is not None:
        return public_url(rendition.url)
    cover = page.cover
    return public_url(cover.get_rendition("fill-360x480").url) if cover else ""


def _download_url(page):
    return public_url(page.url + page.reverse_subpage("download")) if page.document else ""


def learning_resource(page, request, url=None, topics=None, audiences=None, cover=None):
    """The schema.org LearningResource of a resource page, as a dict (``url``, ``topics``,
    ``audiences``, ``cover``: its full address, its terms and its cover's rendition, when already read)."""
    url = url or page.get_full_url(request)
    topics = page.topics.all() if topics is None else topics
    audiences = page.audiences.all() if audiences is None else audiences
    with translation.override(page.locale.language_code):
        data = {
            "@context": "https://schema.org",
            "@type": "LearningResource",
            "name": page.title,
            "description": page.summary,
            "url": url,
            "inLanguage": page.language,
            "learningResourceType": str(page.get_kind_display()),
            "educationalLevel": str(page.get_level_display()),
            "isAccessibleForFree": True,
            "keywords": [topic.label() for topic in topics],
            "audience": [
                {"@type": "EducationalAudience", "educationalRole": audience.label()} for audience in audiences
            ],
        }
        if page.licence_url:
            data["license"] = page.licence_url
        else:
            data["copyrightNotice"] = str(page.get_licence_display())
    authors = [{"@type": "Person", "name": name.strip()} for name in page.authors.split(",") if name.strip()]
    if page.author_organisation:
        authors.append({"@type": "Organization", "name": page.author_organisation.label})
    if authors:
        data["author"] = authors
    if page.publisher:
        data["publisher"] = {"@type": "Organization", "name": page.publisher.label}
        if page.publisher.website:
            data["publisher"]["url"] = page.publisher.website
    if page.year:
        data["copyrightYear"] = page.year
        data["datePublished"] = str(page.year)
    if page.duration_minutes:
        data["timeRequired"] = f"PT{page.duration_minutes}M"
    if page.identifier:
        data["identifier"] = page.identifier
    if page.accessibility_notes:
        data["accessibilitySummary"] = page.accessibility_notes
    cover = _cover_url(page, cover)
    if cover:
        data["image"] = cover
    if page.document:
        media = {
            "@type": "MediaObject",
            "contentUrl": _download_url(page),
            "encodingFormat": page.document.content_type,
        }
        if page.document.file_size:
            media["contentSize"] = f"{page.document.file_size} B"
        if page.page_count:
            media["numberOfPages"] = page.page_count
        data["encoding"] = [media]
    elif page.external_url:
        data["sameAs"] = page.external_url
    return data


def json_ld(data):
    """JSON for a <script type="application/ld+json"> element, safe against a closing </script>."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))


def dublin_core(page, request, url=None, topics=None):
    """(element, value) pairs for Dublin Core <meta name="DC.element"> tags (``url``, ``topics``: the
    page's full address and its topics, when already read)."""
    topics = page.topics.all() if topics is None else topics
    with translation.override(page.locale.language_code):
        pairs = [
            ("title", page.title),
            ("description", page.summary),
            ("type", DC_TYPES.get(page.kind, "Text")),
            ("language", page.language),
            ("identifier", url or page.get_full_url(request)),
            ("rights", " ".join(part for part in (str(page.get_licence_display()), page.licence_url) if part)),
        ]
        pairs += [("subject", topic.label()) for topic in topics]
        pairs += [("creator", name.strip()) for name in page.authors.split(",") if name.strip()]
        if page.author_organisation:
            pairs.append(("creator", page.author_organisation.label))
        if page.publisher:
            pairs.append(("publisher", page.publisher.label))
    if page.year:
        pairs.append(("date", str(page.year)))
    if page.document:
        pairs.append(("format", page.document.content_type))
    return pairs
