"""Demo content for the library: about forty resources, their documents and the editors' collections.

Documents are generated here (PDFs drawn with Pillow and DejaVu Sans, DOCX with python-docx),
so the seed needs no network. Like every seed it is idempotent.
"""

import io
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.html import escape
from django.utils.text import slugify
from docx import Document as DocxDocument
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model

from campaigns.models import CampaignPage
from home.seed import en, generated_image, home_pages, upsert_child, upsert_page_translation, upsert_translation, vi
from network.seed import area, organisation

from .covers import ensure_cover
from .models import (
    Audience,
    LibraryPage,
    ResourceCollection,
    ResourceCollectionItem,
    ResourceDownload,
    ResourceImage,
    ResourcePage,
    Topic,
)
from .seed_content import (
    CATALOGUE,
    COLLECTIONS,
    HCMC_DOET,
    HCMC_SPA,
    LIBRARY_ORG,
    LINKS,
    ORGANISATIONS,
    PLANS,
    STUDY_NOTE,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PAGE_SIZE = (874, 1240)  # A5 at 150 dpi: small files, still readable when printed
LICENCES = ["cc-by", "cc-by-sa", "cc-by-nc", "cc0"]
PALETTES = ["teal", "blue", "green", "purple", "orange", "red"]


def _fonts():
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return None
    return ImageFont.truetype(str(bold), 34), ImageFont.truetype(str(regular), 23)


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def pdf_bytes(title, sections):
    """A printable PDF of the text, or None when no font with Vietnamese letters is installed."""
    fonts = _fonts()
    if fonts is None:
        return None
    heading_font, body_font = fonts
    margin, width = 70, PAGE_SIZE[0] - 140
    pages, page, draw, y = [], None, None, 0

    def new_page():
        nonlocal page, draw, y
        page = PILImage.new("1", PAGE_SIZE, 1)
        draw = ImageDraw.Draw(page)
        pages.append(page)
        y = margin

    new_page()
    # A black band with the title makes the first page a recognisable cover.
    title_lines = _wrap(draw, title, heading_font, width - 40)
    band = 60 + 46 * len(title_lines)
    draw.rectangle([0, 0, PAGE_SIZE[0], band + 40], fill=0)
    for n, line in enumerate(title_lines):
        draw.text((margin, 50 + 46 * n), line, font=heading_font, fill=1)
    y = band + 90
    for heading, paragraphs in sections:
        if y > PAGE_SIZE[1] - 200:
            new_page()
        draw.text((margin, y), heading, font=heading_font, fill=0)
        y += 60
        for paragraph in paragraphs:
            for line in _wrap(draw, paragraph, body_font, width):
                if y > PAGE_SIZE[1] - margin:
                    new_page()
                draw.text((margin, y), line, font=body_font, fill=0)
                y += 34
            y += 18
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=150, title=title)
    return buffer.getvalue(), len(pages)


def docx_bytes(title, sections):
    document = DocxDocument()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_document(title, sections, slug, prefer="pdf"):
    """The stored document with this title, generated once (DOCX when no font can draw Vietnamese)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    rendered = pdf_bytes(title, sections) if prefer == "pdf" else None
    if rendered:
        content, name = rendered[0], f"{slug}.pdf"
    else:
        content, name = docx_bytes(title, sections), f"{slug}.docx"
    document = Document(title=title, file=ContentFile(content, name=name))
    document._set_document_file_metadata()
    document.save()
    return document


def page_count(document):
    if document.file_extension != "pdf":
        return None
    from pypdf import PdfReader

    with document.file.open("rb") as handle:
        return len(PdfReader(handle).pages)


def _organisations():
    found = {}
    for name, (kind, area_code, website) in ORGANISATIONS.items():
        found[name] = organisation(name, kind, area(area_code) if area_code else None, website=website)
    return found


def _description(sections):
    return "".join(
        f"<h2>{escape(heading)}</h2>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        for heading, paragraphs in sections
    )


ACCESSIBILITY_NOTES = "Bản PDF là ảnh các trang; toàn văn tóm tắt có ở phần mô tả trên trang này."
ACCESSIBILITY_NOTES_EN = "The PDF is made of page images, in Vietnamese; the summary above gives its content."


def upsert_resource(library, slug, fields, topics, audiences, gallery=()):
    """The resource page with that slug, created or brought up to date (vocabulary and images too)."""
    page = ResourcePage.objects.child_of(library).filter(slug=slug).first()
    wanted_gallery = [(image.pk, caption) for image, caption in gallery]
    if page is not None:
        changed = any(getattr(page, name) != value for name, value in fields.items())
        changed |= {t.pk for t in page.topics.all()} != {t.pk for t in topics}
        changed |= {a.pk for a in page.audiences.all()} != {a.pk for a in audiences}
        changed |= [(i.image_id, i.caption) for i in page.gallery_images.all()] != wanted_gallery
        if not changed and page.live and not page.has_unpublished_changes:
            return page
        for name, value in fields.items():
            setattr(page, name, value)
    else:
        page = ResourcePage(slug=slug, **fields)
    page.topics = list(topics)
    page.audiences = list(audiences)
    page.gallery_images = [ResourceImage(image=image, caption=caption) for image, caption in gallery]
    if page.pk is None:
        library.add_child(instance=page)
    page.save_revision().publish()
    # The demo shows its covers at once, without waiting for the task worker.
    ensure_cover(page)
    return page


def _library():
    home, _english_home = home_pages()
    library = upsert_child(
        home,
        LibraryPage,
        "kho-hoc-lieu",
        title="Kho học liệu mở",
        intro="<p>Tài liệu, khóa học và bộ ảnh <b>miễn phí</b> cho tự học và học tập suốt đời: tìm theo chủ đề, "
        "đối tượng, loại học liệu và giấy phép.</p>",
        search_description="Kho học liệu mở phục vụ tự học và học tập suốt đời: tài liệu, khóa học, bộ ảnh miễn phí.",
        social_image=generated_image("Kho học liệu mở", "green"),
        show_in_menus=True,
    )
    english = upsert_translation(
        library,
        en(),
        title="Open learning resources",
        slug="library",
        intro="<p><b>Free</b> documents, courses and image sets for self-study and lifelong learning: filter "
        "by topic, audience, kind and licence.</p>",
        search_description="The open library for self-study and lifelong learning: free documents, courses and images.",
    )
    return library, english


def _plan_resources(library, organisations, topics, audiences):
    made = []
    for plan in PLANS:
        document = seed_document(plan["title"], plan["sections"], plan["slug"])
        fields = {
            "title": plan["title"],
            "summary": plan["summary"],
            "search_description": plan["summary"],
            "description": _description(plan["sections"]),
            "kind": "document",
            "document": document,
            "level": "intermediate",
            "language": "vi",
            "licence": "cc-by",
            "identifier": plan["identifier"],
            "year": plan["year"],
            "page_count": page_count(document),
            "publisher": organisations[plan["publisher"]],
            "author_organisation": organisations[plan["author"]] if plan["author"] else None,
            "accessibility_notes": ACCESSIBILITY_NOTES,
        }
        page = upsert_resource(
            library,
            plan["slug"],
            fields,
            [topics[s] for s in plan["topics"]],
            [audiences[s] for s in plan["audiences"]],
        )
        made.append((page, plan["title_en"], plan["summary_en"], slugify(plan["title_en"])[:80]))
    return made


def _catalogue_resources(library, organisations, topics, audiences):
    made = []
    for n, (identifier, slug, title, title_en, summary, summary_en, form, topic_slugs, audience_slugs) in enumerate(
        CATALOGUE
    ):
        sections = [("Giới thiệu", [summary]), ("Cách sử dụng tài liệu", [STUDY_NOTE])]
        fields = {
            "title": title,
            "summary": summary,
            "search_description": summary,
            "description": "",
            "identifier": identifier,
            "level": "advanced" if identifier == "HL-029" else ("intermediate" if n % 3 == 2 else "basic"),
            "language": "en" if identifier in {"HL-023", "HL-026"} else "vi",
            "licence": LICENCES[n % len(LICENCES)],
            "year": 2022 + n % 3,
            "publisher": organisations[LIBRARY_ORG if n % 2 else HCMC_DOET],
            "author_organisation": organisations[HCMC_SPA],
            "document": None,
            "external_url": "",
            "page_count": None,
            "cover_image": None,
        }
        gallery = ()
        if form in {"pdf", "docx"}:
            document = seed_document(title, sections, slug, prefer=form)
            fields.update(kind="document", document=document, page_count=page_count(document))
            if document.file_extension != "pdf":
                fields["cover_image"] = generated_image(f"Bìa: {title}", PALETTES[n % len(PALETTES)], (480, 640))
        elif form == "link":
            fields.update(kind="course", external_url=LINKS[identifier], licence="all-rights-reserved")
        else:
            palette = PALETTES[n % len(PALETTES)]
            gallery = [
                (generated_image(f"{title} – ảnh {k}", palette, (800, 600)), f"{title}: minh họa {k}")
                for k in (1, 2, 3)
            ]
            fields.update(kind="images", cover_image=gallery[0][0])
        page = upsert_resource(
            library, slug, fields, [topics[s] for s in topic_slugs], [audiences[s] for s in audience_slugs], gallery
        )
        made.append((page, title_en, summary_en, slugify(title_en)[:80]))
    return made


def _collections(pages_by_identifier):
    for order, spec in enumerate(COLLECTIONS):
        campaign = CampaignPage.objects.filter(locale=vi(), slug=spec["campaign_slug"]).first()
        collection, _created = ResourceCollection.objects.get_or_create(slug=spec["slug"], defaults={"title": ""})
        fields = {
            "title": spec["title"],
            "title_en": spec["title_en"],
            "intro": spec["intro"],
            "intro_en": spec["intro_en"],
            "campaign": campaign,
            "show_on_home_page": spec["show_on_home_page"],
            "sort_order": order,
        }
        if any(getattr(collection, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(collection, name, value)
            collection.save()
        wanted = [pages_by_identifier[identifier].pk for identifier in spec["identifiers"]]
        if list(collection.items.order_by("sort_order").values_list("resource_id", flat=True)) != wanted:
            collection.items.all().delete()
            ResourceCollectionItem.objects.bulk_create(
                ResourceCollectionItem(collection=collection, resource_id=pk, sort_order=k)
                for k, pk in enumerate(wanted)
            )


def seed(stdout):
    library, _english_library = _library()
    organisations = _organisations()
    topics = {t.slug: t for t in Topic.objects.all()}
    audiences = {a.slug: a for a in Audience.objects.all()}
    made = _plan_resources(library, organisations, topics, audiences)
    made += _catalogue_resources(library, organisations, topics, audiences)
    for n, (page, title_en, summary_en, slug_en) in enumerate(made):
        gallery_en = [
            {"image": item.image, "caption": f"{title_en}: illustration {k}"}
            for k, item in enumerate(page.gallery_images.all(), start=1)
        ]
        english = upsert_page_translation(
            page,
            en(),
            {
                "title": title_en,
                "slug": slug_en,
                "summary": summary_en,
                "search_description": summary_en,
                "description": "<p>The resource itself is in its original language.</p>",
                "accessibility_notes": ACCESSIBILITY_NOTES_EN if page.accessibility_notes else "",
            },
            children={"gallery_images": (ResourceImage, gallery_en)},
        )
        ensure_cover(english)
        # Demo popularity, so that "most downloaded" has something to sort.
        ResourceDownload.objects.update_or_create(
            translation_key=page.translation_key, date=date(2024, 10, 2), defaults={"count": (n * 37) % 140 + 3}
        )
    _collections({page.identifier: page for page, *_rest in made})
    stdout.write(f"Library ready: {len(made)} resources in {len(COLLECTIONS)} collections.")
