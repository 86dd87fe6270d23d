"""Demo content for the site shell, and the helpers every app's ``seed.py`` uses.

Each helper is idempotent: it finds what an earlier run made (by slug, title or key)
and brings it up to date, so running ``seed_demo`` twice changes nothing.
"""

import hashlib
import io
import math
import random
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from . import roles
from .models import HomePage, SiteSettings, StandardPage

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "hoctapsuotdoi"

PALETTES = {
    "teal": ((0, 105, 120), (0, 150, 136), (255, 193, 7)),
    "red": ((178, 34, 34), (230, 81, 0), (255, 214, 102)),
    "blue": ((11, 83, 148), (33, 150, 243), (255, 255, 255)),
    "green": ((27, 94, 32), (76, 175, 80), (255, 241, 118)),
    "purple": ((74, 20, 140), (156, 39, 176), (255, 202, 40)),
    "orange": ((191, 54, 12), (255, 112, 67), (255, 236, 179)),
}


def vi():
    return Locale.objects.get(language_code="vi")


def en():
    return Locale.objects.get(language_code="en")


def generated_image(title, palette="teal", size=(1200, 630)):
    """A decorative picture drawn with Pillow (no downloads), stored once per title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    dark, light, accent = PALETTES[palette]
    width, height = size
    canvas = PILImage.new("RGB", size, dark)
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(dark[i] + (light[i] - dark[i]) * t) for i in range(3)))
    rng = random.Random(hashlib.sha256(title.encode()).digest())
    for _ in range(14):
        r = rng.randint(height // 12, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = accent if rng.random() < 0.3 else tuple(min(255, c + 40) for c in light)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=colour, width=max(2, r // 12))
    # An open book, the movement's usual emblem.
    cx, cy, w = width // 2, int(height * 0.62), width // 6
    for side in (-1, 1):
        points = [(cx, cy), (cx + side * w, cy - w // 3), (cx + side * w, cy + w // 2), (cx, cy + w // 1.4)]
        draw.polygon(points, fill=(255, 255, 255), outline=accent)
        for k in range(1, 5):
            yk = cy + k * w // 8
            draw.line([(cx + side * 8, yk), (cx + side * (w - 12), yk - w // 3 + int(math.sin(k) * 3))], fill=light)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    slug = hashlib.sha1(title.encode()).hexdigest()[:12]
    image = Image(title=title, file=ImageFile(buffer, name=f"demo-{slug}.jpg"))
    image.save()
    return image


def _stream_data(stream):
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in stream]


def _equal(value, wanted):
    """Whether a stored value is what the seed wants, across the types the database hands back."""
    if isinstance(value, StreamValue):
        wanted = wanted if isinstance(wanted, StreamValue) else StreamValue(value.stream_block, wanted)
        return _stream_data(value) == _stream_data(wanted)
    if isinstance(value, Decimal) and wanted is not None:
        return value == Decimal(str(wanted))
    if hasattr(value, "all") and isinstance(wanted, list):
        return sorted(o.pk for o in value.all()) == sorted(o.pk for o in wanted)
    return value == wanted


def _same_children(existing, specs):
    existing = list(existing)
    if len(existing) != len(specs):
        return False
    return all(
        _equal(getattr(item, name), wanted)
        for item, spec in zip(existing, specs, strict=True)
        for name, wanted in spec.items()
    )


def _build_children(model, specs):
    items = []
    for position, spec in enumerate(specs):
        plain = {k: v for k, v in spec.items() if not isinstance(v, list)}
        # Only the admin's formsets number inline items; without it PostgreSQL returns them in any order.
        item = model(sort_order=position, **plain)
        for name, value in spec.items():
            if isinstance(value, list):
                setattr(item, name, value)
        items.append(item)
    return items


def _apply(page, fields, children, m2m):
    """Set what differs from what is wanted; True when anything changed."""
    changed = False
    for name, value in {**fields, **m2m}.items():
        if not _equal(getattr(page, name), value):
            setattr(page, name, value)
            changed = True
    for name, (model, specs) in children.items():
        if not _same_children(getattr(page, name).all(), specs):
            setattr(page, name, _build_children(model, specs))
            changed = True
    return changed


def upsert_page(parent, model, slug, fields, children=None, m2m=None):
    """The page under parent with that slug, created or brought up to date, and published.

    children maps a child relation to (model, [field dicts]); list values in a field dict are
    many-to-many relations. m2m maps the page's own many-to-many fields to lists of objects.
    """
    children, m2m = children or {}, m2m or {}
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        _apply(page, {}, children, m2m)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    if _apply(page, fields, children, m2m) or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
    return page


def upsert_page_translation(page, locale, fields, children=None, m2m=None):
    """The page's translation, copied by Wagtail the first time, then given its own text."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True, alias=False)
    translated = translated.specific
    if _apply(translated, fields, children or {}, m2m or {}) or not translated.live:
        translated.save_revision().publish()
    return translated


def upsert_child(parent, model, slug, **fields):
    """``upsert_page`` for a page with plain fields only."""
    return upsert_page(parent, model, slug, fields)


def upsert_translation(page, locale, **fields):
    """``upsert_page_translation`` for a page with plain fields only."""
    return upsert_page_translation(page, locale, fields)


def home_pages():
    """The Vietnamese home page and its English translation (made by ``seed`` below)."""
    home = HomePage.objects.get(locale=vi(), depth=2)
    return home, home.get_translation(en()).specific


# The demo's team, one person per role (same password as the admin; local demo only). The given
# name is the first name: Wagtail greets people by it, as Vietnamese colleagues address each other.
DEMO_TEAM = [
    ("bientap", "Hoa", "Nguyễn Thị", roles.EDITORS),
    ("kiemduyet", "Minh", "Trần Văn", roles.MODERATORS),
    ("sukien", "Lan", "Lê Thị", roles.EVENT_MANAGERS),
]


def _ensure_user(username, first_name, last_name, superuser=False):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(username, f"{username}@example.org", ADMIN_PASSWORD)
    # Wagtail's account page cannot be saved without a name.
    if (user.first_name, user.last_name) != (first_name, last_name):
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    return user


def _ensure_admin(stdout):
    _ensure_user(ADMIN_USERNAME, "Quản trị viên", "Cổng thông tin", superuser=True)
    for username, first_name, last_name, role in DEMO_TEAM:
        _ensure_user(username, first_name, last_name).groups.add(roles.group(role))
    stdout.write(f"Users: {ADMIN_USERNAME} and " + ", ".join(f"{u} ({r})" for u, _f, _l, r in DEMO_TEAM) + ".")


def _ensure_home():
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=vi()).first()
    fields = {
        "title": "Trang chủ",
        "seo_title": "Cổng thông tin xã hội học tập – Học tập suốt đời cho mọi người",
        "search_description": (
            "Cổng thông tin của phong trào khuyến học, khuyến tài, xây dựng xã hội học tập và "
            "thành phố học tập toàn cầu UNESCO."
        ),
        "hero_title": "Học tập suốt đời – xây dựng thành phố học tập",
        "hero_text": (
            "Chiến dịch, gương điển hình, tin tức, tập huấn và kho học liệu mở của phong trào "
            "khuyến học, khuyến tài, xây dựng xã hội học tập."
        ),
        "hero_image": generated_image("Ảnh bìa trang chủ", "teal", (1200, 500)),
        "social_image": generated_image("Ảnh chia sẻ trang chủ", "teal"),
    }
    if home is None:
        home = HomePage(slug="trang-chu", **fields)
        root.add_child(instance=home)
        home.save_revision().publish()
    else:
        home = upsert_child(root, HomePage, home.slug, **fields)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    # Wagtail's Site names the address the demo is served at, like every absolute link does.
    address = urlsplit(settings.PUBLIC_BASE_URL)
    site.hostname, site.port = address.hostname, address.port or (443 if address.scheme == "https" else 80)
    site.root_page, site.site_name = home, "Cổng thông tin xã hội học tập"
    site.save()
    # Wagtail's placeholder welcome page is replaced by ours.
    for stale in Page.objects.filter(depth=2).exclude(locale=en()).exclude(pk=home.pk):
        stale.delete()
    english = upsert_translation(
        home,
        en(),
        title="Home",
        slug="home",
        seo_title="Learning Society Portal – lifelong learning for everyone",
        search_description=(
            "The portal of the study promotion movement, the learning society and the UNESCO learning city."
        ),
        hero_title="Lifelong learning – building a learning city",
        hero_text="Campaigns, exemplars, news, training sessions and an open learning-resource library.",
    )
    return home, english


ABOUT_BODY_VI = [
    ("heading", {"text": "Xã hội học tập là gì?", "level": "h2"}),
    (
        "paragraph",
        "<p>Xây dựng xã hội học tập là tạo cơ hội để mọi người dân được học tập thường xuyên, liên tục, "
        "suốt đời, ở mọi lúc, mọi nơi. Đề án “Xây dựng xã hội học tập giai đoạn 2021 – 2030” được phê "
        "duyệt tại Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ.</p>",
    ),
    ("heading", {"text": "Các danh hiệu học tập", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Gia đình học tập, Dòng họ học tập, Cộng đồng học tập;</li>"
        "<li>Đơn vị học tập (Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023);</li>"
        "<li>Công dân học tập (Quyết định số 324/QĐ-KHVN ngày 25/10/2023).</li></ul>",
    ),
    (
        "quote",
        {"quote": "Học hỏi là một việc phải tiếp tục suốt đời.", "attribution": "Chủ tịch Hồ Chí Minh"},
    ),
    (
        "table",
        {
            "data": [
                ["Văn bản", "Ngày ban hành", "Nội dung"],
                ["Quyết định 1373/QĐ-TTg", "30/7/2021", "Đề án xây dựng xã hội học tập 2021 – 2030"],
                ["Quyết định 1315/QĐ-TTg", "09/11/2023", "Phong trào thi đua xây dựng xã hội học tập 2023 – 2030"],
                ["Thông tư 24/2023/TT-BGDĐT", "11/12/2023", "Đánh giá, công nhận “Đơn vị học tập”"],
                ["Quyết định 324/QĐ-KHVN", "25/10/2023", "Bộ tiêu chí “Công dân học tập”"],
            ],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
        },
    ),
]

ABOUT_BODY_EN = [
    ("heading", {"text": "What is a learning society?", "level": "h2"}),
    (
        "paragraph",
        "<p>A learning society gives every citizen the chance to learn regularly, continuously and "
        "throughout life, anywhere and at any time. The programme “Building a learning society "
        "2021–2030” was approved by the Prime Minister's Decision 1373/QĐ-TTg of 30 July 2021.</p>",
    ),
    ("heading", {"text": "Learning titles", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Learning family, learning clan, learning community;</li>"
        "<li>Learning unit (Circular 24/2023/TT-BGDĐT of 11 December 2023);</li>"
        "<li>Learning citizen (Decision 324/QĐ-KHVN of 25 October 2023).</li></ul>",
    ),
    ("quote", {"quote": "Learning is a task that must continue throughout one's life.", "attribution": "Hồ Chí Minh"}),
]

UNESCO_BODY_VI = [
    (
        "paragraph",
        "<p>Thành phố Hồ Chí Minh triển khai Kế hoạch số 1927/KH-UBND ngày 11/4/2024 về xây dựng "
        "“Thành phố học tập toàn cầu UNESCO giai đoạn 2024 – 2030”: thực hiện Bộ tiêu chí thành phố học tập "
        "theo tiêu chuẩn của UNESCO và báo cáo kết quả với UNESCO vào năm 2025.</p>",
    ),
    ("heading", {"text": "Ngành Giáo dục và Đào tạo tham gia thế nào?", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Phát triển các trung tâm học tập cộng đồng tại mỗi phường, xã;</li>"
        "<li>Mở rộng kho học liệu mở phục vụ tự học và học tập suốt đời;</li>"
        "<li>Tổ chức Tuần lễ hưởng ứng học tập suốt đời hằng năm.</li></ul>",
    ),
]

UNESCO_BODY_EN = [
    (
        "paragraph",
        "<p>Ho Chi Minh City carries out Plan 1927/KH-UBND of 11 April 2024 on building a "
        "“UNESCO Global Learning City 2024–2030”: it implements UNESCO's learning-city criteria and reports "
        "its results to UNESCO in 2025.</p>",
    ),
]


def seed(stdout):
    _ensure_admin(stdout)
    home, english_home = _ensure_home()
    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.organisation_name = "Sở Giáo dục và Đào tạo – Hội Khuyến học Thành phố Hồ Chí Minh"
    contact.organisation_name_en = (
        "Ho Chi Minh City Department of Education and Training – Ho Chi Minh City Study Promotion Association"
    )
    contact.address = "68 Lê Thánh Tôn, Phường Bến Nghé, Quận 1\nThành phố Hồ Chí Minh"
    contact.address_en = "68 Le Thanh Ton Street, Ben Nghe Ward, District 1\nHo Chi Minh City"
    contact.hotline = "028 3829 1875"
    contact.email = "khuyenhoc@example.org"
    contact.facebook_url = "https://www.facebook.com/"
    contact.zalo_url = "https://zalo.me/"
    contact.youtube_url = "https://www.youtube.com/"
    contact.save()

    about = upsert_child(
        home,
        StandardPage,
        "gioi-thieu",
        title="Giới thiệu",
        search_description="Phong trào khuyến học, khuyến tài, xây dựng xã hội học tập: mục đích và các danh hiệu.",
        intro="<p>Phong trào <b>khuyến học, khuyến tài, xây dựng xã hội học tập</b> do ngành Giáo dục và "
        "Hội Khuyến học các cấp cùng tổ chức.</p>",
        body=ABOUT_BODY_VI,
        show_in_menus=True,
    )
    upsert_translation(
        about,
        en(),
        title="About",
        slug="about",
        search_description="The study promotion and learning society movement: its aims and its titles.",
        intro="<p>The <b>study promotion and learning society</b> movement is run by the education sector "
        "together with the Study Promotion Associations at every level.</p>",
        body=ABOUT_BODY_EN,
    )
    unesco = upsert_child(
        about,
        StandardPage,
        "thanh-pho-hoc-tap-toan-cau-unesco",
        title="Thành phố học tập toàn cầu UNESCO",
        search_description="Kế hoạch xây dựng Thành phố học tập toàn cầu UNESCO giai đoạn 2024 – 2030.",
        intro="",
        body=UNESCO_BODY_VI,
        social_image=generated_image("Thành phố học tập UNESCO", "blue"),
    )
    upsert_translation(
        unesco,
        en(),
        title="UNESCO Global Learning City",
        slug="unesco-global-learning-city",
        search_description="The plan to become a UNESCO Global Learning City, 2024–2030.",
        body=UNESCO_BODY_EN,
    )
    stdout.write(f"Home page ready: {home.title} / {english_home.title}.")
