"""Demo news: announcements, plans (with their PDF) and activity reports, linked to the demo campaigns."""

import datetime
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model

from campaigns import services
from campaigns.models import CampaignPage
from campaigns.seed import current_drive_dates
from home.seed import en, generated_image, home_pages, upsert_page, upsert_page_translation

from .models import NewsDocument, NewsIndexPage, NewsPage

# Pillow's own font has no Vietnamese letters; DejaVu (Debian's fonts-dejavu-core) has them all.
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
]


def _font(size):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def _file_name(title):
    return slugify(title.replace("đ", "d").replace("Đ", "D"))[:80]


def _wrap(text, font, width, draw):
    lines, line = [], ""
    for word in text.split():
        attempt = f"{line} {word}".strip()
        if draw.textlength(attempt, font=font) <= width:
            line = attempt
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def plan_document(title, heading, paragraphs):
    """A one-page A4 PDF of a plan, drawn with Pillow (no downloads), stored once per title."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    y = 120
    for line in _wrap(heading.upper(), _font(36), 1000, draw):
        draw.text((620, y), line, font=_font(36), fill="black", anchor="ma")
        y += 52
    y += 40
    for paragraph in paragraphs:
        for line in _wrap(paragraph, _font(26), 1000, draw):
            draw.text((120, y), line, font=_font(26), fill="black")
            y += 38
        y += 20
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150.0, title=title)
    document = Document(title=title)
    document.file.save(f"{_file_name(title)}.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


# The English pages' tags: tags are shown and filtered by name, so each language has its own.
TAGS_EN = {
    "Công dân học tập": "Learning citizen",
    "Hải Phòng": "Hai Phong",
    "Học bổng": "Scholarships",
    "Học tập suốt đời": "Lifelong learning",
    "Kế hoạch": "Plans",
    "Kỹ năng số": "Digital skills",
    "Lực lượng vũ trang": "Armed forces",
    "Tháng Khuyến học": "Encouraging Learning Month",
    "Thành phố học tập": "Learning city",
    "Thi đua": "Emulation drive",
    "TP. Hồ Chí Minh": "Ho Chi Minh City",
    "Tập huấn": "Training",
    "UNESCO": "UNESCO",
    "Văn hóa đọc": "Reading culture",
    "Đơn vị học tập": "Learning unit",
}


def _news_items(campaigns, today):
    """The news items; each attached document comes with its link text for the English page."""
    start, _end = current_drive_dates(today)
    hp_plan = plan_document(
        "Kế hoạch tổ chức Tháng Khuyến học năm 2023 – Hải Phòng",
        "Kế hoạch tổ chức Tháng Khuyến học năm 2023",
        [
            "Thời gian: từ ngày 02 tháng 9 đến ngày 02 tháng 10 năm 2023.",
            "Chủ đề: Hưởng ứng phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai "
            "đoạn 2023 – 2030”, công dân Hải Phòng phấn đấu trở thành “Công dân học tập”.",
            "Chỉ tiêu: mỗi quận, huyện phát triển thêm ít nhất 10 Ban Khuyến học; nâng tỉ lệ hội viên khuyến học "
            "toàn thành phố lên 27,5%.",
        ],
    )
    hcm_plan = plan_document(
        "Kế hoạch phối hợp số 59/KH-SGDĐT-HKH năm 2023",
        "Kế hoạch phối hợp khuyến học, khuyến tài, xây dựng xã hội học tập năm 2023",
        [
            "Giữa Sở Giáo dục và Đào tạo và Hội Khuyến học Thành phố Hồ Chí Minh, ngày 09 tháng 5 năm 2023.",
            "Chỉ tiêu: 60% gia đình đạt danh hiệu “Gia đình học tập”; 55% dòng họ đạt danh hiệu “Dòng họ học tập”; "
            "55% cộng đồng đạt danh hiệu “Cộng đồng học tập”; 60% đơn vị đạt danh hiệu “Đơn vị học tập”.",
        ],
    )
    drive_plan = plan_document(
        f"Kế hoạch đợt thi đua “Công dân học tập” năm {start.year}",
        f"Kế hoạch đợt thi đua “Công dân học tập” cuối năm {start.year}",
        [
            "Tập huấn đánh giá, công nhận danh hiệu; tiếp nhận và thẩm định hồ sơ; tổ chức Ngày hội “Công dân học "
            "tập” tại các Trung tâm học tập cộng đồng; tổng kết, biểu dương gương điển hình tiên tiến.",
        ],
    )
    day = datetime.timedelta(days=1)
    return [
        (
            "hai-phong-ban-hanh-ke-hoach-thang-khuyen-hoc-2023",
            "Hải Phòng ban hành Kế hoạch tổ chức Tháng Khuyến học năm 2023",
            datetime.date(2023, 8, 25),
            "plan",
            "hp2023",
            ["Tháng Khuyến học", "Hải Phòng"],
            "Tháng Khuyến học năm 2023 diễn ra từ 02/9 đến 02/10/2023 với sáu nhóm hoạt động, hướng về cơ sở và "
            "học sinh, sinh viên có hoàn cảnh khó khăn.",
            [(hp_plan, "Plan for the 2023 Encouraging Learning Month, Hai Phong (in Vietnamese)")],
            "Hải Phòng issues its plan for the 2023 Encouraging Learning Month",
            "The month runs from 2 September to 2 October 2023 with six groups of activities.",
        ),
        (
            "ky-ket-chuong-trinh-phoi-hop-voi-luc-luong-vu-trang",
            "Hội Khuyến học Hải Phòng ký kết chương trình phối hợp với lực lượng vũ trang",
            datetime.date(2023, 9, 20),
            "activity_report",
            "hp2023",
            ["Lực lượng vũ trang", "Hải Phòng"],
            "Chương trình “Đẩy mạnh phong trào khuyến học, khuyến tài, xây dựng xã hội học tập” được ký kết với Công "
            "an, Bộ Chỉ huy Quân sự và Bộ đội Biên phòng thành phố.",
            [],
            "The Hải Phòng association signs a programme with the armed forces",
            "A study promotion programme was signed with the city's police, military command and border guard.",
        ),
        (
            "trao-hoc-bong-hoa-phuong-do-2023",
            "Trao học bổng Hoa Phượng Đỏ năm 2023 nhân Ngày Khuyến học Việt Nam",
            datetime.date(2023, 10, 2),
            "activity_report",
            "hp2023",
            ["Học bổng", "Hải Phòng"],
            "Lễ kỷ niệm Ngày Khuyến học Việt Nam và 25 năm thành lập Hội Khuyến học thành phố gắn với trao học bổng "
            "cho học sinh, sinh viên vượt khó học giỏi.",
            [],
            "Hoa Phượng Đỏ scholarships awarded on Vietnam Study Promotion Day",
            "The association's 25th anniversary was marked with scholarships for students overcoming hardship.",
        ),
        (
            "ke-hoach-phoi-hop-khuyen-hoc-nam-2023",
            "Sở Giáo dục và Đào tạo và Hội Khuyến học Thành phố ban hành kế hoạch phối hợp năm 2023",
            datetime.date(2023, 5, 9),
            "plan",
            "hcm2023",
            ["Kế hoạch", "TP. Hồ Chí Minh"],
            "Kế hoạch đặt chỉ tiêu 60% gia đình đạt “Gia đình học tập”, 55% dòng họ đạt “Dòng họ học tập” và 30% "
            "người lớn trong các mô hình học tập đạt “Công dân học tập”.",
            [(hcm_plan, "Joint plan 59/KH-SGDĐT-HKH on study promotion, 2023 (in Vietnamese)")],
            "The Department and the Association issue their 2023 coordination plan",
            "Targets: 60% learning families, 55% learning clans and 30% learning citizens among adults.",
        ),
        (
            "khai-mac-tuan-le-hoc-tap-suot-doi-2023",
            "Khai mạc Tuần lễ hưởng ứng học tập suốt đời năm 2023",
            datetime.date(2023, 10, 2),
            "activity_report",
            "llw2023",
            ["Học tập suốt đời", "TP. Hồ Chí Minh"],
            "Các Trung tâm học tập cộng đồng đồng loạt tổ chức lễ phát động và giới thiệu các lớp học miễn phí.",
            [],
            "The 2023 Lifelong Learning Week opens",
            "Community learning centres launched the week and presented free classes.",
        ),
        (
            "ket-qua-tuan-le-hoc-tap-suot-doi-2023",
            "Hơn sáu nghìn lượt người dự lớp kỹ năng số trong Tuần lễ học tập suốt đời",
            datetime.date(2023, 10, 10),
            "activity_report",
            "llw2023",
            ["Kỹ năng số", "Học tập suốt đời"],
            "Các lớp kỹ năng số cho người cao tuổi vượt chỉ tiêu đề ra; nhiều phường đề nghị duy trì lớp hằng tháng.",
            [],
            "Over six thousand attendances at digital-skills classes",
            "Digital-skills classes for older people beat their target; many wards want to hold them monthly.",
        ),
        (
            "phat-dong-dot-thi-dua-cong-dan-hoc-tap",
            "Phát động đợt thi đua “Công dân học tập” cuối năm",
            start,
            "announcement",
            "current",
            ["Công dân học tập", "Thi đua"],
            "Sở Giáo dục và Đào tạo và Hội Khuyến học Thành phố phát động đợt thi đua đánh giá, công nhận danh hiệu "
            "“Công dân học tập” và “Đơn vị học tập”.",
            [(drive_plan, f"Plan of the {start.year} “Learning citizen” emulation drive (in Vietnamese)")],
            "A “Learning citizen” emulation drive is launched",
            "The Department and the Association launch a drive to assess and recognise learning titles.",
        ),
        (
            "tap-huan-danh-gia-cong-nhan-cong-dan-hoc-tap",
            "Tập huấn đánh giá, công nhận danh hiệu “Công dân học tập” cho cán bộ phường, xã",
            start + 5 * day,
            "activity_report",
            "current",
            ["Tập huấn", "Công dân học tập"],
            "Cán bộ Hội Khuyến học và trung tâm học tập cộng đồng được hướng dẫn Quyết định 324/QĐ-KHVN và cách lập "
            "hồ sơ đề nghị công nhận.",
            [],
            "Training on assessing the “Learning citizen” title",
            "Association and learning-centre staff studied Decision 324/QĐ-KHVN and the recognition dossiers.",
        ),
        (
            "thong-bao-han-nop-ho-so-don-vi-hoc-tap",
            "Thông báo hạn nộp hồ sơ đề nghị công nhận “Đơn vị học tập”",
            today - 2 * day,
            "announcement",
            "current",
            ["Đơn vị học tập"],
            "Các cơ quan, trường học, doanh nghiệp nộp hồ sơ theo Thông tư 24/2023/TT-BGDĐT về Hội Khuyến học cấp "
            "huyện trước khi kết thúc đợt thi đua.",
            [],
            "Deadline for “Learning unit” dossiers",
            "Agencies, schools and businesses file their dossiers under Circular 24/2023/TT-BGDĐT by the end of the "
            "drive.",
        ),
        (
            "so-ket-giua-dot-thi-dua",
            "Sơ kết giữa đợt: 87 hồ sơ “Đơn vị học tập” đã được thẩm định",
            today - day,
            "activity_report",
            "current",
            ["Đơn vị học tập", "Thi đua"],
            "Sau ba tuần, 24 lớp tập huấn đã hoàn thành và 87 trên 120 hồ sơ dự kiến đã được thẩm định.",
            [],
            "Mid-drive review: 87 “Learning unit” dossiers reviewed",
            "After three weeks, all 24 training sessions are done and 87 of 120 expected dossiers reviewed.",
        ),
        (
            "chuan-bi-ngay-sach-va-van-hoa-doc",
            "Chuẩn bị hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam",
            today - 10 * day,
            "announcement",
            "bookday",
            ["Văn hóa đọc"],
            "Các trường học được đề nghị đăng ký hoạt động ngày hội đọc sách và giới thiệu sách hay.",
            [],
            "Getting ready for Vietnam Book and Reading Culture Day",
            "Schools are invited to register reading festivals and book recommendations.",
        ),
        (
            "trien-khai-ke-hoach-thanh-pho-hoc-tap-unesco",
            "Triển khai Kế hoạch xây dựng Thành phố học tập toàn cầu UNESCO giai đoạn 2024 – 2030",
            datetime.date(2024, 4, 20),
            "plan",
            "",
            ["UNESCO", "Thành phố học tập"],
            "Ngành Giáo dục triển khai Kế hoạch số 1927/KH-UBND ngày 11/4/2024: phát triển trung tâm học tập cộng "
            "đồng, kho học liệu mở và Tuần lễ học tập suốt đời.",
            [],
            "Carrying out the UNESCO Global Learning City plan 2024–2030",
            "The education sector carries out Plan 1927/KH-UBND: learning centres, open resources, the yearly week.",
        ),
    ]


PALETTES = ["teal", "red", "blue", "green", "purple", "orange"]


def seed(stdout):
    home, _english_home = home_pages()
    today = services.local_today()
    index = upsert_page(
        home,
        NewsIndexPage,
        "tin-tuc",
        {
            "title": "Tin tức",
            "search_description": "Thông báo, kế hoạch và tin hoạt động của phong trào khuyến học, khuyến tài.",
            "intro": "<p>Thông báo, kế hoạch và tin hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập.</p>",
            "show_in_menus": True,
        },
    )
    upsert_page_translation(
        index,
        en(),
        {
            "title": "News",
            "slug": "news",
            "search_description": "Announcements, plans and activity reports of the study promotion movement.",
            "intro": "<p>Announcements, plans and activity reports of the learning society movement.</p>",
        },
    )
    slugs = {
        "hp2023": "thang-khuyen-hoc-hai-phong-2023",
        "hcm2023": "ke-hoach-phoi-hop-khuyen-hoc-tphcm-2023",
        "llw2023": "tuan-le-hoc-tap-suot-doi-tphcm-2023",
        "current": "dot-thi-dua-cong-dan-hoc-tap",
        "bookday": "ngay-sach-va-van-hoa-doc",
    }
    campaigns = {key: CampaignPage.objects.filter(slug=slug, locale=home.locale).first() for key, slug in slugs.items()}
    items = _news_items(campaigns, today)
    for position, item in enumerate(items):
        slug, title, date, category, campaign_key, tags, summary, documents, title_en, summary_en = item
        campaign = campaigns.get(campaign_key)
        body = [("paragraph", f"<p>{summary}</p>")]
        attached = [{"document": document, "title": ""} for document, _title_en in documents]
        attached_en = [{"document": document, "title": title_en} for document, title_en in documents]
        page = upsert_page(
            index,
            NewsPage,
            slug,
            {
                "title": title,
                "search_description": summary,
                "date": date,
                "category": category,
                "campaign": campaign,
                "summary": summary,
                "image": generated_image(f"Tin: {title}", PALETTES[position % len(PALETTES)]),
                "body": body,
            },
            children={"documents": (NewsDocument, attached)},
        )
        if sorted(page.tags.names()) != sorted(tags):
            page.tags.set(tags)
            page.save_revision().publish()
        english = upsert_page_translation(
            page,
            en(),
            {
                "title": title_en,
                "slug": slug,
                "search_description": summary_en,
                "campaign": campaign.get_translation(en()) if campaign else None,
                "summary": summary_en,
                "body": [("paragraph", f"<p>{summary_en}</p>")],
            },
            children={"documents": (NewsDocument, attached_en)},
        )
        tags_en = [TAGS_EN[tag] for tag in tags]
        if sorted(english.tags.names()) != sorted(tags_en):
            english.tags.set(tags_en)
            english.save_revision().publish()
    stdout.write(f"News ready: {len(items)} news items.")
