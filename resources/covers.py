"""Cover images for PDF resources, made once when the resource is published.

The first page is drawn by ``pdftoppm`` (Debian's poppler-utils) when it is installed; a
scanned PDF's first-page picture is taken with pypdf otherwise; failing both, a plain cover
with the document's title is drawn, so that a resource never waits on a missing tool.
"""

import io
import logging
import subprocess
import tempfile
import textwrap
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import Collection

logger = logging.getLogger(__name__)

COVER_SIZE = (480, 640)
FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
]
PDFTOPPM_TIMEOUT = 20
# Generated covers live in their own collection, which the image chooser leaves out (wagtail_hooks.py).
COVERS_COLLECTION = "Ảnh bìa tạo tự động"


def covers_collection(create=True):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COVERS_COLLECTION).first()
    if collection is None and create:
        collection = root.add_child(name=COVERS_COLLECTION)
    return collection


def _pdftoppm(pdf_path):
    with tempfile.TemporaryDirectory() as workdir:
        prefix = Path(workdir) / "cover"
        try:
            subprocess.run(
                [settings.RESOURCES_PDFTOPPM, "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", "640"]
                + [str(pdf_path), str(prefix)],
                check=True,
                capture_output=True,
                timeout=PDFTOPPM_TIMEOUT,
            )
        except FileNotFoundError:
            return None
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            logger.warning("pdftoppm could not draw %s: %s", pdf_path, error)
            return None
        output = prefix.with_suffix(".png")
        return PILImage.open(io.BytesIO(output.read_bytes())) if output.exists() else None


def _largest_image_on_first_page(pdf_path):
    try:
        page = PdfReader(pdf_path).pages[0]
        images = [image.image for image in page.images]
    except Exception as error:  # pypdf raises many kinds of errors on damaged files
        logger.warning("pypdf could not read %s: %s", pdf_path, error)
        return None
    images = [image for image in images if image is not None]
    return max(images, key=lambda image: image.width * image.height, default=None)


def first_page_picture(pdf_path):
    return _pdftoppm(pdf_path) or _largest_image_on_first_page(pdf_path)


def _font(size):
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def drawn_cover(title):
    """A plain cover with the title, used when the first page cannot be drawn."""
    canvas = PILImage.new("RGB", COVER_SIZE, (0, 105, 120))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([24, 24, COVER_SIZE[0] - 24, COVER_SIZE[1] - 24], outline=(255, 193, 7), width=4)
    font = _font(34)
    lines = textwrap.wrap(title, width=20)[:8]
    y = 90
    for line in lines:
        draw.text((56, y), line, font=font, fill=(255, 255, 255))
        y += 46
    return canvas


def _fit(picture):
    picture = picture.convert("RGB")
    picture.thumbnail(COVER_SIZE)
    return picture


def cover_for_document(document):
    """The cover image of a PDF document, drawn once per file content and reused by every resource using it."""
    Image = get_image_model()
    key = document.get_file_hash() or str(document.pk)
    title = f"Ảnh bìa: {document.title} [{key[:10]}]"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
        with document.file.open("rb") as source:
            copy.write(source.read())
        copy.flush()
        picture = first_page_picture(copy.name)
    picture = _fit(picture) if picture is not None else drawn_cover(document.title)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    image = Image(title=title, file=ImageFile(buffer, name=f"cover-{key[:12]}.jpg"), collection=covers_collection())
    image.save()
    return image


def ensure_cover(page):
    """Give a published PDF resource without a chosen cover its generated one."""
    from .models import ResourcePage

    document = page.document
    if page.cover_image_id or document is None or document.file_extension.lower() != "pdf":
        return None
    image = cover_for_document(document)
    if page.generated_cover_id != image.pk:
        # A direct update: the cover is derived data, not an editor's change needing a revision.
        ResourcePage.objects.filter(pk=page.pk).update(generated_cover=image)
        page.generated_cover = image
    return image
