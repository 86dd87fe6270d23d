"""Demo campaigns and exemplar stories, from the Hải Phòng and Hồ Chí Minh City plans (seeds 000, 001).

Idempotent like every seed: pages are found by slug, organisations by name and district, and a
page gets a new revision only when something in it differs from what is wanted.
"""

import datetime

from home.seed import en, generated_image, home_pages, upsert_page, upsert_page_translation
from network.models import OrganisationKind
from network.seed import HAIPHONG, HCMC, area, english_area_name, organisation

from . import services
from .models import (
    CampaignActivity,
    CampaignIndexPage,
    CampaignKind,
    CampaignPage,
    CampaignTarget,
    StoryGalleryImage,
    StoryIndexPage,
    StoryPage,
)

# ---------------------------------------------------------------------------- helpers


# ---------------------------------------------------------------------------- organisations

G, A, S, AF, C = (
    OrganisationKind.GOVERNMENT,
    OrganisationKind.ASSOCIATION,
    OrganisationKind.SCHOOL,
    OrganisationKind.ARMED_FORCES,
    OrganisationKind.COMMUNITY,
)


def _organisations():
    hp, hcm = area(HAIPHONG), area(HCMC)
    o = {}
    o["ubnd_hp"] = organisation("Ủy ban nhân dân thành phố Hải Phòng", G, hp)
    o["hkh_hp"] = organisation("Hội Khuyến học thành phố Hải Phòng", A, hp)
    o["sgd_hp"] = organisation("Sở Giáo dục và Đào tạo Hải Phòng", G, hp)
    o["bchqs_hp"] = organisation("Bộ Chỉ huy Quân sự thành phố Hải Phòng", AF, hp)
    o["ca_hp"] = organisation("Công an thành phố Hải Phòng", AF, hp)
    o["bdbp_hp"] = organisation("Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng", AF, hp)
    o["kkt_hp"] = organisation("Ban Quản lý Khu kinh tế Hải Phòng", G, hp)
    o["hcgc_hp"] = organisation("Hội Cựu giáo chức thành phố Hải Phòng", C, hp)
    o["tlgd_hp"] = organisation("Hội Khoa học Tâm lý Giáo dục Hải Phòng", C, hp)
    o["sgd_hcm"] = organisation("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", G, hcm)
    o["hkh_hcm"] = organisation("Hội Khuyến học Thành phố Hồ Chí Minh", A, hcm)
    # Units of the districts abolished on 1 July 2025 stay attached to the district of their time.
    o["ubnd_td"] = organisation("Ủy ban nhân dân thành phố Thủ Đức", G, area("769"), is_active=False)
    o["hkh_q8"] = organisation("Hội Khuyến học Quận 8", A, area("776"), parent=o["hkh_hcm"], is_active=False)
    o["hkh_cc"] = organisation("Hội Khuyến học huyện Củ Chi", A, area("783"), parent=o["hkh_hcm"], is_active=False)
    o["tthtcd_q8"] = organisation(
        "Trung tâm học tập cộng đồng Phường 5", OrganisationKind.LEARNING_CENTRE, area("776"), is_active=False
    )
    return o


def _kinds():
    kinds = {kind.slug: kind for kind in CampaignKind.objects.all()}
    # A kind added by editors, as the movement's emulation drives are not in the built-in list.
    drive, _created = CampaignKind.objects.get_or_create(
        slug="dot-thi-dua", defaults={"name": "Đợt thi đua", "name_en": "Emulation drive"}
    )
    kinds[drive.slug] = drive
    return kinds


# ---------------------------------------------------------------------------- campaigns

HP_THEME = (
    "Hưởng ứng phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn "
    "2023 – 2030”, công dân Hải Phòng phấn đấu trở thành “Công dân học tập” góp phần xây dựng Hải Phòng "
    "thành “Thành phố học tập”"
)
HP_THEME_EN = (
    "Answering the call “The whole country competes to build a learning society and promote lifelong learning "
    "2023–2030”, the citizens of Hải Phòng strive to become “Learning citizens” and make Hải Phòng a "
    "“Learning city”"
)
HP_PURPOSES = (
    "<p>Tiếp tục khơi dậy và phát huy mạnh mẽ truyền thống hiếu học và học giỏi của người dân Hải Phòng, nâng "
    "cao nhận thức của cán bộ, đảng viên, công chức, viên chức, chiến sĩ lực lượng vũ trang, công nhân lao động "
    "và các tầng lớp nhân dân về công tác khuyến học, khuyến tài, xây dựng xã hội học tập và phấn đấu trở thành "
    "công dân học tập, công dân số, đáp ứng yêu cầu lao động, học tập của mọi người dân trong kỷ nguyên cách "
    "mạng công nghiệp lần thứ tư và chương trình chuyển đổi số quốc gia của Chính phủ.</p>"
    "<p>Thông qua các hoạt động trong Tháng Khuyến học nhằm động viên các tổ chức, gia đình, cá nhân đăng ký xây "
    "dựng các mô hình “Gia đình học tập”, “Dòng họ học tập”, “Cộng đồng học tập”, “Đơn vị học tập” và “Công dân "
    "học tập”; thúc đẩy phong trào xây dựng xã hội học tập của thành phố phát triển thực chất và bền vững.</p>"
)
HP_REQUIREMENTS = (
    "<p>Tổ chức Tháng Khuyến học năm 2023 có trọng tâm, trọng điểm, hướng về cơ sở, chăm lo lợi ích công dân và "
    "học sinh, sinh viên có hoàn cảnh khó khăn vươn lên học tập. Các hoạt động hưởng ứng phải bảo đảm thiết thực, "
    "hiệu quả, phù hợp với tình hình, điều kiện của từng địa phương, đơn vị.</p>"
    "<p>Kết thúc Tháng Khuyến học đánh giá, sơ kết, tổng kết, rút ra những bài học thiết thực cho phong trào và "
    "làm cơ sở để tổ chức Tháng Khuyến học của những năm sau, đồng thời tiếp tục duy trì để phong trào được liên "
    "tục và hiệu quả.</p>"
)
HP_PURPOSES_EN = (
    "<p>To revive and spread Hải Phòng's tradition of love of learning, and to raise the awareness of officials, "
    "party members, civil servants, soldiers, workers and every citizen of study and talent promotion and of the "
    "learning society, so that everyone strives to become a learning citizen and a digital citizen.</p>"
    "<p>To encourage organisations, families and individuals to register as “Learning family”, “Learning clan”, "
    "“Learning community”, “Learning unit” and “Learning citizen”, so that the city's learning society grows "
    "in substance and lastingly.</p>"
)
HP_REQUIREMENTS_EN = (
    "<p>The month focuses on the grassroots and on helping pupils and students in hardship keep learning. "
    "Activities must be practical, effective and suited to each locality and unit.</p>"
    "<p>At the end of the month, results are reviewed and lessons drawn for the following years.</p>"
)


def _hai_phong_2023(index, o, kinds):
    activities = [
        {
            "title": "Công tác tuyên truyền",
            "description": (
                "Đa dạng hóa các hình thức tuyên truyền qua hệ thống phát thanh, truyền hình, báo chí, bản tin, "
                "các website điện tử, mạng xã hội, pa nô, áp phích, hội nghị, hội thảo… về công tác khuyến học, "
                "khuyến tài, xây dựng xã hội học tập và chủ đề của Tháng Khuyến học năm 2023.\n"
                "Biểu dương, khen thưởng, suy tôn các gương tập thể, cá nhân điển hình tiên tiến trong phong trào."
            ),
            "lead_organisation": None,
            "coordinating_organisations": [],
            "other_coordinators": "Tất cả các địa phương, đơn vị trong thành phố",
            "timing": "Trong suốt Tháng Khuyến học",
            "start_date": datetime.date(2023, 9, 2),
            "end_date": datetime.date(2023, 10, 2),
        },
        {
            "title": "Đẩy mạnh phát triển tổ chức khuyến học và hội viên Hội Khuyến học",
            "description": (
                "Tiếp tục thực hiện Chỉ thị số 04/CT-UBND ngày 24/02/2022 của Ủy ban nhân dân thành phố; phát triển "
                "tổ chức Hội Khuyến học ở các cộng đồng dân cư, trong cơ quan, đơn vị, doanh nghiệp và lực lượng vũ "
                "trang; phấn đấu mỗi quận, huyện phát triển thêm ít nhất 10 Ban Khuyến học; nâng tỉ lệ hội viên "
                "khuyến học toàn thành phố lên 27,5%."
            ),
            "lead_organisation": o["hkh_hp"],
            "coordinating_organisations": [],
            "other_coordinators": "Các tổ chức, cơ sở chưa phát triển tổ chức khuyến học",
            "timing": "Tháng 9 – 10/2023",
            "start_date": None,
            "end_date": None,
        },
        {
            "title": "Ký kết Chương trình phối hợp với các đơn vị lực lượng vũ trang",
            "description": (
                "Ký kết Chương trình “Đẩy mạnh phong trào khuyến học, khuyến tài, xây dựng xã hội học tập” giữa "
                "Hội Khuyến học với Công an, Bộ Chỉ huy Quân sự, Bộ đội Biên phòng thành phố."
            ),
            "lead_organisation": o["hkh_hp"],
            "coordinating_organisations": [o["bchqs_hp"], o["ca_hp"], o["bdbp_hp"]],
            "other_coordinators": "các đơn vị liên quan",
            "timing": "Tháng 9/2023",
            "start_date": None,
            "end_date": None,
        },
        {
            "title": (
                "Hội thảo chuyên đề “Doanh nghiệp, doanh nhân với phong trào khuyến học, khuyến tài, góp phần nâng "
                "cao chất lượng nguồn nhân lực trong các doanh nghiệp của thành phố Hải Phòng”"
            ),
            "description": "",
            "lead_organisation": o["hkh_hp"],
            "coordinating_organisations": [o["sgd_hp"], o["kkt_hp"]],
            "other_coordinators": "các hiệp hội doanh nghiệp, các doanh nhân",
            "timing": "Tháng 10/2023",
            "start_date": None,
            "end_date": None,
        },
        {
            "title": "Phát động và tổ chức “Tuần lễ học tập suốt đời” năm 2023",
            "description": "Theo chỉ đạo của Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam.",
            "lead_organisation": o["sgd_hp"],
            "coordinating_organisations": [o["hkh_hp"]],
            "other_coordinators": "các sở, ngành liên quan",
            "timing": "",
            "start_date": None,
            "end_date": None,
        },
        {
            "title": (
                "Kỷ niệm Ngày Khuyến học Việt Nam, 25 năm Ngày thành lập Hội Khuyến học thành phố, gắn với Chương "
                "trình trao học bổng Hoa Phượng Đỏ năm 2023"
            ),
            "description": "Hội Khuyến học Hải Phòng được thành lập ngày 14/10/1998.",
            "lead_organisation": o["hkh_hp"],
            "coordinating_organisations": [o["sgd_hp"], o["hcgc_hp"], o["tlgd_hp"]],
            "other_coordinators": "các đơn vị liên quan",
            "timing": "",
            "start_date": None,
            "end_date": None,
        },
    ]
    targets = [
        _target("Ban Khuyến học thành lập mới ở mỗi quận, huyện (tối thiểu)", 10, "number", "ban"),
        _target("Tỉ lệ hội viên khuyến học trên dân số toàn thành phố", "27.5"),
        _target("Quận, huyện tổ chức ít nhất một hoạt động lớn quy mô cấp quận, huyện", 100),
        _target("Cơ quan, đơn vị cấp thành phố và quận, huyện có tổ chức khuyến học", 100),
    ]
    page = upsert_page(
        index,
        CampaignPage,
        "thang-khuyen-hoc-hai-phong-2023",
        {
            "title": "Tháng Khuyến học Hải Phòng năm 2023",
            "search_description": (
                "Kế hoạch tổ chức Tháng Khuyến học năm 2023 của thành phố Hải Phòng (02/9 – 02/10/2023)."
            ),
            "kind": kinds["thang-khuyen-hoc"],
            "year": 2023,
            "theme": HP_THEME,
            "start_date": datetime.date(2023, 9, 2),
            "end_date": datetime.date(2023, 10, 2),
            "hero_image": generated_image("Tháng Khuyến học Hải Phòng 2023", "red", (1200, 500)),
            "social_image": generated_image("Chia sẻ: Tháng Khuyến học Hải Phòng 2023", "red"),
            "purposes": HP_PURPOSES,
            "requirements": HP_REQUIREMENTS,
        },
        children={"activities": (CampaignActivity, activities), "targets": (CampaignTarget, targets)},
        m2m={"lead_organisations": [o["ubnd_hp"], o["hkh_hp"]], "coordinating_organisations": [o["sgd_hp"]]},
    )
    activity_titles_en = [
        (
            "Outreach",
            "Radio, television, press, websites, social networks, posters and meetings spread the month's theme; "
            "exemplary collectives and individuals are honoured.",
            "All localities and units of the city",
            "Throughout the month",
        ),
        (
            "Growing the study promotion associations and their membership",
            "Each district founds at least 10 new study promotion boards; membership rises to 27.5% of the population.",
            "Organisations without a study promotion body yet",
            "September – October 2023",
        ),
        (
            "Signing a cooperation programme with the armed forces",
            "The association signs a programme with the city's police, military command and border guard.",
            "related units",
            "September 2023",
        ),
        (
            "Seminar “Businesses and entrepreneurs in the study promotion movement”",
            "",
            "business associations and entrepreneurs",
            "October 2023",
        ),
        (
            "Launching the 2023 Lifelong Learning Week",
            "As directed by the Ministry of Education and Training.",
            "related departments",
            "",
        ),
        (
            "Vietnam Study Promotion Day, the association's 25th anniversary and the Hoa Phượng Đỏ scholarships",
            "The Hải Phòng Study Promotion Association was founded on 14 October 1998.",
            "related units",
            "",
        ),
    ]
    upsert_page_translation(
        page,
        en(),
        {
            "title": "Hải Phòng Encouraging Learning Month 2023",
            "slug": "hai-phong-encouraging-learning-month-2023",
            "search_description": (
                "Hải Phòng's plan for the 2023 Encouraging Learning Month (2 September – 2 October 2023)."
            ),
            "theme": HP_THEME_EN,
            "purposes": HP_PURPOSES_EN,
            "requirements": HP_REQUIREMENTS_EN,
        },
        children={
            "activities": (CampaignActivity, _translated_activities(activities, activity_titles_en)),
            "targets": (
                CampaignTarget,
                _translated_targets(
                    targets,
                    [
                        ("New study promotion boards in each district (at least)", "boards"),
                        ("Study promotion members in the city's population", ""),
                        ("Districts holding at least one district-wide event", ""),
                        ("City and district agencies with a study promotion body", ""),
                    ],
                ),
            ),
        },
    )
    return page


def _target(label, value, unit="percent", unit_label="", achieved=None, as_of=None):
    return {
        "label": label,
        "target_value": value,
        "unit": unit,
        "unit_label": unit_label,
        "achieved_value": achieved,
        "as_of": as_of,
    }


def _translated_activities(activities, texts):
    translated = []
    for activity, (title, description, others, timing) in zip(activities, texts, strict=True):
        translated.append(
            {**activity, "title": title, "description": description, "other_coordinators": others, "timing": timing}
        )
    return translated


def _translated_targets(targets, texts):
    return [
        {**target, "label": label, "unit_label": unit_label}
        for target, (label, unit_label) in zip(targets, texts, strict=True)
    ]


HCM_PLAN_PURPOSES = (
    "<ol><li>Tăng cường sự phối hợp chặt chẽ giữa Sở Giáo dục và Đào tạo và Hội Khuyến học Thành phố trong việc "
    "thực hiện công tác khuyến học, khuyến tài, xây dựng xã hội học tập, góp phần hoàn thành các chỉ tiêu của Kế "
    "hoạch số 4344/KH-UBND về triển khai thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021 – 2030” năm "
    "2023.</li>"
    "<li>Triển khai có hiệu quả Đề án thành phần “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, "
    "cộng đồng giai đoạn 2021 – 2030” và Đề án thành phần “Xây dựng mô hình công dân học tập giai đoạn 2021 – "
    "2030”.</li>"
    "<li>Triển khai thực hiện để Thành phố trở thành thành viên chính thức Mạng lưới “Thành phố học tập toàn cầu” "
    "của UNESCO.</li>"
    "<li>Đưa nội dung khuyến học, khuyến tài, xây dựng xã hội học tập vào nội dung đánh giá thi đua; huy động sức "
    "mạnh tổng hợp của cả hệ thống chính trị và toàn dân.</li></ol>"
)
HCM_PLAN_REQUIREMENTS = (
    "<ol><li>Tổ chức triển khai toàn diện, đồng bộ các giải pháp để nâng cao chất lượng, hiệu quả thực hiện Kế "
    "hoạch số 4344/KH-UBND năm 2023 trên địa bàn Thành phố Hồ Chí Minh.</li>"
    "<li>Kế hoạch phải bảo đảm tính thiết thực, hiệu quả, đúng mục đích, phù hợp, linh hoạt, sáng tạo với điều "
    "kiện thực tế của địa phương, cơ quan, tổ chức, doanh nghiệp, cộng đồng.</li></ol>"
)


def _hcm_plan_2023(index, o, kinds):
    sgd, hkh, td = o["sgd_hcm"], o["hkh_hcm"], o["ubnd_td"]
    districts = "Ủy ban nhân dân các quận, huyện"
    activities = [
        _activity(
            "Tuyên truyền khuyến học, khuyến tài trong các cơ sở giáo dục",
            "Đẩy mạnh tuyên truyền trên các phương tiện thông tin đại chúng, website của ngành, qua hội nghị, hội "
            "thảo; hướng dẫn tổ chức các hoạt động hưởng ứng “Tuần lễ hưởng ứng học tập suốt đời”, “Ngày Khuyến học "
            "Việt Nam”, Ngày Sách và Văn hóa đọc Việt Nam.",
            sgd,
            [td],
            districts,
            "Cả năm 2023",
        ),
        _activity(
            "Tuyên truyền, nhân rộng các mô hình học tập, những gương người tốt việc tốt",
            "Tập huấn về các chỉ thị, quyết định về học tập suốt đời đến tận cán bộ Hội cơ sở (Chi hội khuyến học "
            "khu phố, ấp); nhân rộng các mô hình học tập qua website và tờ Thông tin khuyến học của Hội.",
            hkh,
            [sgd, td],
            districts,
            "Cả năm 2023",
        ),
        _activity(
            "Triển khai các văn bản, cơ chế, chính sách thúc đẩy học tập suốt đời",
            "Triển khai các tiêu chí đánh giá xây dựng xã hội học tập; tiêu chí “Công dân học tập”; tiêu chí công "
            "nhận “Đơn vị học tập” các cấp; khung năng lực thông tin phục vụ học tập suốt đời cho công dân.",
            sgd,
            [hkh, td],
            districts,
            "Cả năm 2023",
        ),
        _activity(
            "Nâng cao chất lượng hoạt động của các Trung tâm học tập cộng đồng",
            "Ban hành văn bản quản lý, hướng dẫn hoạt động; tập huấn nghiệp vụ cho cán bộ quản lý trung tâm học tập "
            "cộng đồng tại cơ sở. Hội Khuyến học phường, xã, thị trấn khảo sát nhu cầu học tập, tổ chức ít nhất 03 "
            "chuyên đề tại mỗi trung tâm và vận động “Học bổng học không bao giờ cùng” khen thưởng người lớn học tốt.",
            sgd,
            [hkh, td],
            districts,
            "Cả năm 2023",
        ),
        _activity(
            "Xây dựng, kiểm tra, đánh giá, xếp loại các mô hình học tập",
            "Tập huấn, hướng dẫn, kiểm tra, đánh giá, xếp loại các mô hình học tập một cách hiệu quả, đúng thực "
            "chất, phấn đấu đạt các chỉ tiêu cuối năm.",
            sgd,
            [hkh, td],
            districts,
            "Đánh giá cuối năm 2023",
        ),
        _activity(
            "Phát triển hội viên và tổ chức Hội Khuyến học",
            "Sơ kết việc thành lập thí điểm 03 Hội Khuyến học cơ sở tại các trường đại học và cao đẳng.",
            hkh,
            [sgd],
            "các trường đại học và cao đẳng",
            "",
        ),
    ]
    targets = [
        _target("Gia đình đạt danh hiệu “Gia đình học tập”", 60),
        _target("Dòng họ đạt danh hiệu “Dòng họ học tập”", 55),
        _target("Cộng đồng (tổ dân phố và tương đương) được công nhận “Cộng đồng học tập”", 55),
        _target(
            "Tổ chức, cơ quan, trường học, doanh nghiệp, cơ sở sản xuất trên địa bàn thị trấn, phường, xã được công "
            "nhận “Đơn vị học tập”",
            60,
        ),
        _target("Người lớn trong gia đình, dòng họ, cộng đồng học tập đạt danh hiệu “Công dân học tập”", 30),
        _target(
            "Cán bộ, công chức, viên chức, người lao động trong đơn vị học tập cấp xã, huyện, thành phố đạt danh hiệu "
            "“Công dân học tập”",
            50,
        ),
    ]
    page = upsert_page(
        index,
        CampaignPage,
        "ke-hoach-phoi-hop-khuyen-hoc-tphcm-2023",
        {
            "title": "Kế hoạch phối hợp khuyến học, khuyến tài, xây dựng xã hội học tập năm 2023 – TP. Hồ Chí Minh",
            "search_description": (
                "Kế hoạch phối hợp số 59/KH-SGDĐT-HKH ngày 09/5/2023 giữa Sở Giáo dục và Đào tạo và Hội Khuyến học "
                "Thành phố Hồ Chí Minh: nội dung và chỉ tiêu năm 2023."
            ),
            "kind": kinds["khac"],
            "year": 2023,
            "theme": "Phối hợp chặt chẽ để hoàn thành các chỉ tiêu xây dựng xã hội học tập năm 2023",
            "start_date": datetime.date(2023, 5, 9),
            "end_date": datetime.date(2023, 12, 31),
            "hero_image": generated_image("Kế hoạch phối hợp khuyến học TP.HCM 2023", "blue", (1200, 500)),
            "purposes": HCM_PLAN_PURPOSES,
            "requirements": HCM_PLAN_REQUIREMENTS,
        },
        children={"activities": (CampaignActivity, activities), "targets": (CampaignTarget, targets)},
        m2m={"lead_organisations": [sgd, hkh], "coordinating_organisations": [td]},
    )
    upsert_page_translation(
        page,
        en(),
        {
            "title": "Ho Chi Minh City study promotion coordination plan 2023",
            "slug": "hcmc-study-promotion-coordination-plan-2023",
            "search_description": (
                "Plan 59/KH-SGDĐT-HKH of 9 May 2023 between the Department of Education and Training and the "
                "city's Study Promotion Association: activities and targets for 2023."
            ),
            "theme": "Working closely together to reach the 2023 learning-society targets",
            "purposes": "<p>To coordinate the Department and the Association so that the city reaches its 2023 "
            "learning-society targets and joins UNESCO's Global Network of Learning Cities.</p>",
            "requirements": "<p>Practical, effective activities suited to each locality, agency and community.</p>",
        },
        children={
            "activities": (
                CampaignActivity,
                _translated_activities(
                    activities,
                    [
                        (
                            "Study promotion outreach in schools",
                            "Press, the sector's websites, conferences; "
                            "Lifelong Learning Week, Study Promotion Day and Book Day events.",
                            "District people's committees",
                            "All of 2023",
                        ),
                        (
                            "Spreading learning models and good examples",
                            "Training down to neighbourhood association "
                            "branches; good examples shared on the association's website and newsletter.",
                            "District people's committees",
                            "All of 2023",
                        ),
                        (
                            "Rules and policies that foster lifelong learning",
                            "The learning-society criteria, the "
                            "Learning citizen and Learning unit criteria, the information-literacy framework.",
                            "District people's committees",
                            "All of 2023",
                        ),
                        (
                            "Better community learning centres",
                            "Guidance and training for centre managers; at least "
                            "three study promotion talks per centre; the “Never stop learning” scholarship.",
                            "District people's committees",
                            "All of 2023",
                        ),
                        (
                            "Assessing and recognising learning models",
                            "Training, checks and fair assessment to reach the year-end targets.",
                            "District people's committees",
                            "Year-end 2023",
                        ),
                        (
                            "Growing the association",
                            "Review of three pilot associations in universities and colleges.",
                            "universities and colleges",
                            "",
                        ),
                    ],
                ),
            ),
            "targets": (
                CampaignTarget,
                _translated_targets(
                    targets,
                    [
                        ("Families recognised as “Learning family”", ""),
                        ("Clans recognised as “Learning clan”", ""),
                        ("Communities (residential groups) recognised as “Learning community”", ""),
                        ("Organisations, schools and businesses recognised as “Learning unit”", ""),
                        ("Adults in learning families, clans and communities recognised as “Learning citizen”", ""),
                        ("Staff of learning units recognised as “Learning citizen”", ""),
                    ],
                ),
            ),
        },
    )
    return page


def _activity(title, description, lead, coordinating, others, timing, start=None, end=None):
    return {
        "title": title,
        "description": description,
        "lead_organisation": lead,
        "coordinating_organisations": coordinating,
        "other_coordinators": others,
        "timing": timing,
        "start_date": start,
        "end_date": end,
    }


def _hcm_lifelong_learning_week_2023(index, o, kinds):
    start, end = datetime.date(2023, 10, 2), datetime.date(2023, 10, 8)
    activities = [
        _activity(
            "Lễ phát động Tuần lễ tại các Trung tâm học tập cộng đồng",
            "Mỗi phường, xã tổ chức lễ phát động, giới thiệu các lớp học miễn phí cho người dân.",
            o["sgd_hcm"],
            [o["hkh_hcm"]],
            "Ủy ban nhân dân các quận, huyện",
            "Ngày đầu Tuần lễ",
            start,
        ),
        _activity(
            "Ngày hội đọc sách và giới thiệu kho học liệu mở",
            "Thư viện, trường học mở cửa đón người dân; hướng dẫn sử dụng kho học liệu mở để tự học.",
            o["sgd_hcm"],
            [o["hkh_q8"]],
            "các thư viện quận, huyện",
            "",
            datetime.date(2023, 10, 4),
            datetime.date(2023, 10, 5),
        ),
        _activity(
            "Lớp kỹ năng số cho người cao tuổi",
            "Hướng dẫn sử dụng điện thoại thông minh, dịch vụ công trực tuyến và nhận diện tin giả.",
            o["hkh_q8"],
            [o["tthtcd_q8"]],
            "",
            "Trong Tuần lễ",
            start,
            end,
        ),
    ]
    targets = [
        _target("Trung tâm học tập cộng đồng tổ chức hoạt động hưởng ứng", 100, achieved=100, as_of=end),
        _target("Người dân tham gia các lớp kỹ năng số", 5000, "number", "lượt người", achieved=6240, as_of=end),
    ]
    page = upsert_page(
        index,
        CampaignPage,
        "tuan-le-hoc-tap-suot-doi-tphcm-2023",
        {
            "title": "Tuần lễ hưởng ứng học tập suốt đời năm 2023 – TP. Hồ Chí Minh",
            "search_description": (
                "Các hoạt động hưởng ứng Tuần lễ học tập suốt đời năm 2023 tại Thành phố Hồ Chí Minh."
            ),
            "kind": kinds["tuan-le-hoc-tap-suot-doi"],
            "year": 2023,
            "theme": "Học tập suốt đời – nền tảng xây dựng Thành phố học tập",
            "start_date": start,
            "end_date": end,
            "hero_image": generated_image("Tuần lễ học tập suốt đời TP.HCM 2023", "green", (1200, 500)),
            "purposes": "<p>Nâng cao nhận thức của người dân về học tập suốt đời; khuyến khích mọi người tham gia "
            "các hoạt động học tập tại trung tâm học tập cộng đồng, thư viện và trên môi trường số.</p>",
            "requirements": "<p>Hoạt động thiết thực, hướng về cơ sở, thu hút đông đảo người dân tham gia.</p>",
        },
        children={"activities": (CampaignActivity, activities), "targets": (CampaignTarget, targets)},
        m2m={"lead_organisations": [o["sgd_hcm"], o["hkh_hcm"]], "coordinating_organisations": [o["ubnd_td"]]},
    )
    upsert_page_translation(
        page,
        en(),
        {
            "title": "Lifelong Learning Week 2023 – Ho Chi Minh City",
            "slug": "lifelong-learning-week-hcmc-2023",
            "search_description": "What Ho Chi Minh City did for the 2023 Lifelong Learning Week.",
            "theme": "Lifelong learning – the foundation of a learning city",
            "purposes": "<p>To make lifelong learning part of everyday life, in community learning centres, "
            "libraries and online.</p>",
            "requirements": "<p>Practical activities close to the people.</p>",
        },
        children={
            "activities": (
                CampaignActivity,
                _translated_activities(
                    activities,
                    [
                        (
                            "Launch in the community learning centres",
                            "Each ward launches the week and presents free classes.",
                            "District people's committees",
                            "First day of the week",
                        ),
                        (
                            "Reading festival and the open learning-resource library",
                            "Libraries and schools welcome the public and show how to learn with the open library.",
                            "district libraries",
                            "",
                        ),
                        (
                            "Digital skills for older people",
                            "Smartphones, online public services and spotting fake news.",
                            "",
                            "During the week",
                        ),
                    ],
                ),
            ),
            "targets": (
                CampaignTarget,
                _translated_targets(
                    targets,
                    [
                        ("Community learning centres holding an event", ""),
                        ("Attendances at digital-skills classes", "attendances"),
                    ],
                ),
            ),
        },
    )
    return page


def current_drive_dates(today):
    """The demo's ongoing campaign runs around the day the demo is built, so that it is always current."""
    return today - datetime.timedelta(days=22), today + datetime.timedelta(days=27)


def _current_drive(index, o, kinds, today):
    start, end = current_drive_dates(today)
    as_of = today - datetime.timedelta(days=3)
    activities = [
        _activity(
            "Tập huấn đánh giá, công nhận danh hiệu “Công dân học tập” và “Đơn vị học tập”",
            "Hướng dẫn Quyết định số 324/QĐ-KHVN ngày 25/10/2023 và Thông tư số 24/2023/TT-BGDĐT ngày "
            "11/12/2023; cách lập hồ sơ, biểu mẫu đề nghị công nhận.",
            o["sgd_hcm"],
            [o["hkh_hcm"]],
            "",
            "Hai tuần đầu",
            start,
            start + datetime.timedelta(days=13),
        ),
        _activity(
            "Tiếp nhận, thẩm định hồ sơ đề nghị công nhận danh hiệu",
            "Hội Khuyến học các cấp tiếp nhận hồ sơ của gia đình, dòng họ, cộng đồng và đơn vị; thẩm định và đề "
            "xuất công nhận.",
            o["hkh_hcm"],
            [o["hkh_q8"], o["hkh_cc"]],
            "Hội Khuyến học các phường, xã",
            "",
            start + datetime.timedelta(days=7),
            end - datetime.timedelta(days=7),
        ),
        _activity(
            "Ngày hội “Công dân học tập” tại các Trung tâm học tập cộng đồng",
            "Giới thiệu các mô hình học tập tiêu biểu, trao giấy chứng nhận và tặng sách cho các gia đình học tập.",
            o["hkh_q8"],
            [o["tthtcd_q8"]],
            "",
            "Cuối tuần thứ tư",
            start + datetime.timedelta(days=26),
        ),
        _activity(
            "Tổng kết đợt thi đua, biểu dương gương điển hình tiên tiến",
            "Tôn vinh tập thể, cá nhân tiêu biểu; trao học bổng “Học không bao giờ cùng” cho người lớn học tốt.",
            o["sgd_hcm"],
            [o["hkh_hcm"], o["ubnd_td"]],
            "",
            "Ngày cuối đợt",
            end,
        ),
    ]
    targets = [
        _target("Người lớn trong gia đình học tập đạt danh hiệu “Công dân học tập”", 30, achieved="24.6", as_of=as_of),
        _target(
            "Cán bộ, công chức, viên chức trong đơn vị học tập cấp xã đạt “Công dân học tập”",
            50,
            achieved=41,
            as_of=as_of,
        ),
        _target(
            "Hồ sơ đề nghị công nhận “Đơn vị học tập” được thẩm định", 120, "number", "hồ sơ", achieved=87, as_of=as_of
        ),
        _target("Lớp tập huấn cho cán bộ phường, xã", 24, "number", "lớp", achieved=24, as_of=as_of),
    ]
    year = start.year
    page = upsert_page(
        index,
        CampaignPage,
        "dot-thi-dua-cong-dan-hoc-tap",
        {
            "title": f"Đợt thi đua “Công dân học tập” cuối năm {year} – TP. Hồ Chí Minh",
            "search_description": "Đợt thi đua đánh giá, công nhận danh hiệu “Công dân học tập” và “Đơn vị học tập”.",
            "kind": kinds["dot-thi-dua"],
            "year": year,
            "theme": "Mỗi người dân là một công dân học tập, mỗi gia đình là một gia đình học tập",
            "start_date": start,
            "end_date": end,
            "hero_image": generated_image("Đợt thi đua Công dân học tập", "purple", (1200, 500)),
            "social_image": generated_image("Chia sẻ: Đợt thi đua Công dân học tập", "purple"),
            "purposes": "<p>Đẩy nhanh việc đánh giá, công nhận các danh hiệu học tập trước khi tổng kết năm; lan tỏa "
            "các gương công dân học tập tiêu biểu.</p>",
            "requirements": "<p>Đánh giá đúng thực chất, công khai; hồ sơ gọn nhẹ; báo cáo kết quả đúng hạn.</p>",
        },
        children={"activities": (CampaignActivity, activities), "targets": (CampaignTarget, targets)},
        m2m={"lead_organisations": [o["sgd_hcm"], o["hkh_hcm"]], "coordinating_organisations": [o["ubnd_td"]]},
    )
    upsert_page_translation(
        page,
        en(),
        {
            "title": f"“Learning citizen” emulation drive, end of {year} – Ho Chi Minh City",
            "slug": "learning-citizen-emulation-drive",
            "search_description": "A drive to assess and recognise the “Learning citizen” and “Learning unit” titles.",
            "theme": "Every resident a learning citizen, every family a learning family",
            "purposes": "<p>To speed up the assessment and recognition of learning titles before the year-end "
            "review, and to share the stories of exemplary learning citizens.</p>",
            "requirements": "<p>Fair, transparent assessment; light paperwork; reports on time.</p>",
        },
        children={
            "activities": (
                CampaignActivity,
                _translated_activities(
                    activities,
                    [
                        (
                            "Training on assessing the “Learning citizen” and “Learning unit” titles",
                            "Decision 324/QĐ-KHVN and Circular 24/2023/TT-BGDĐT; how to prepare dossiers and forms.",
                            "",
                            "First two weeks",
                        ),
                        (
                            "Receiving and reviewing recognition dossiers",
                            "Associations at every level receive and "
                            "review the dossiers of families, clans, communities and units.",
                            "Ward and commune associations",
                            "",
                        ),
                        (
                            "“Learning citizen” festival in the community learning centres",
                            "Exemplary learning models, certificates and books for learning families.",
                            "",
                            "End of the fourth week",
                        ),
                        (
                            "Closing review and honours",
                            "Exemplary collectives and individuals honoured; “Never stop "
                            "learning” scholarships for adult learners.",
                            "",
                            "Last day",
                        ),
                    ],
                ),
            ),
            "targets": (
                CampaignTarget,
                _translated_targets(
                    targets,
                    [
                        ("Adults in learning families recognised as “Learning citizen”", ""),
                        ("Commune-level staff of learning units recognised as “Learning citizen”", ""),
                        ("“Learning unit” dossiers reviewed", "dossiers"),
                        ("Training sessions for ward and commune officials", "sessions"),
                    ],
                ),
            ),
        },
    )
    return page


def _book_day(index, o, kinds, today):
    year = today.year + (1 if today >= datetime.date(today.year, 4, 15) else 0)
    start, end = datetime.date(year, 4, 15), datetime.date(year, 4, 21)
    page = upsert_page(
        index,
        CampaignPage,
        "ngay-sach-va-van-hoa-doc",
        {
            "title": f"Ngày Sách và Văn hóa đọc Việt Nam năm {year}",
            "search_description": (
                "Tuần lễ hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam (21/4) tại các trường học và thư viện."
            ),
            "kind": kinds["ngay-sach-va-van-hoa-doc"],
            "year": year,
            "theme": "Đọc sách mỗi ngày – học tập suốt đời",
            "start_date": start,
            "end_date": end,
            "hero_image": generated_image(f"Ngày Sách và Văn hóa đọc {year}", "orange", (1200, 500)),
            "purposes": "<p>Khơi dậy thói quen đọc sách trong gia đình, nhà trường và cộng đồng.</p>",
            "requirements": "<p>Mỗi trường học, thư viện có ít nhất một hoạt động hưởng ứng.</p>",
        },
        children={
            "activities": (
                CampaignActivity,
                [
                    _activity(
                        "Ngày hội đọc sách tại trường học",
                        "Trao đổi sách, giới thiệu sách hay, thi kể chuyện theo sách.",
                        o["sgd_hcm"],
                        [],
                        "các trường học",
                        "",
                        end,
                    )
                ],
            ),
            "targets": (CampaignTarget, [_target("Số sách đọc bình quân mỗi người mỗi năm", 3, "number", "cuốn")]),
        },
        m2m={"lead_organisations": [o["sgd_hcm"]], "coordinating_organisations": [o["hkh_hcm"]]},
    )
    upsert_page_translation(
        page,
        en(),
        {
            "title": f"Vietnam Book and Reading Culture Day {year}",
            "slug": "book-and-reading-culture-day",
            "search_description": "A week of reading events in schools and libraries around 21 April.",
            "theme": "Read every day – learn for life",
            "purposes": "<p>To make reading a daily habit at home, at school and in the community.</p>",
            "requirements": "<p>Every school and library holds at least one event.</p>",
        },
        children={
            "activities": (
                CampaignActivity,
                [
                    _activity(
                        "Reading festival in schools",
                        "Book swaps, recommendations and storytelling contests.",
                        o["sgd_hcm"],
                        [],
                        "schools",
                        "",
                        end,
                    )
                ],
            ),
            "targets": (CampaignTarget, [_target("Books read per person per year", 3, "number", "books")]),
        },
    )
    return page


# ---------------------------------------------------------------------------- stories

# (slug, title, who, person or collective, title earned, district, ward, campaign key, summary, quote, body,
#  English title, English summary, English quote, English body, palette)
STORIES = [
    (
        "gia-dinh-ba-the-he-cung-hoc",
        "Ba thế hệ cùng học dưới một mái nhà",
        "Gia đình ông Trần Văn Lộc",
        "collective",
        "learning_family",
        "Quận 8",
        "Phường 5",
        "current",
        "Ông bà học dùng điện thoại thông minh, cha mẹ học ngoại ngữ buổi tối, các cháu đều là học sinh giỏi: "
        "gia đình ông Lộc được công nhận “Gia đình học tập” tiêu biểu của phường.",
        "Nhà tôi không giàu, nhưng tủ sách thì lúc nào cũng đầy.",
        "Mỗi tối sau bữa cơm, cả nhà dành một giờ cho việc học. Ông Lộc, 72 tuổi, vừa hoàn thành lớp kỹ năng số "
        "tại Trung tâm học tập cộng đồng phường.",
        "Three generations learning under one roof",
        "Grandparents learn to use smartphones, parents take evening language classes and the children excel at "
        "school: Mr Lộc's family was recognised as an exemplary Learning family.",
        "We are not rich, but our bookshelf is always full.",
        "Every evening after dinner the whole family spends an hour learning.",
        "teal",
    ),
    (
        "dong-ho-nguyen-quy-khuyen-hoc",
        "Dòng họ Nguyễn và quỹ khuyến học ba mươi năm",
        "Dòng họ Nguyễn ở thôn Đông",
        "collective",
        "learning_clan",
        "Huyện An Dương",
        "Xã An Hòa",
        "hp2023",
        "Quỹ khuyến học do con cháu trong họ đóng góp đã trao hàng trăm suất học bổng; năm 2023 dòng họ được công "
        "nhận “Dòng họ học tập”.",
        "Học hành là của để dành tốt nhất cho con cháu.",
        "Mỗi dịp giỗ tổ, dòng họ đọc tên các cháu đỗ đại học và trao thưởng cho các em học sinh giỏi.",
        "The Nguyễn clan and its thirty-year scholarship fund",
        "A fund built by the clan's members has awarded hundreds of scholarships; in 2023 the clan was recognised as "
        "a Learning clan.",
        "Learning is the best inheritance for our children.",
        "At every ancestral anniversary the clan names its new university students and rewards its best pupils.",
        "green",
    ),
    (
        "khu-pho-3-cong-dong-hoc-tap",
        "Khu phố 3: từ sân chơi thành lớp học",
        "Khu phố 3, phường Linh Trung",
        "collective",
        "learning_community",
        "Thành phố Thủ Đức",
        "Phường Linh Trung",
        "current",
        "Một khoảng sân bỏ trống được cư dân cải tạo thành “góc học tập cộng đồng” với tủ sách, wifi miễn phí và lớp "
        "tiếng Anh cho thiếu nhi.",
        "Ai biết gì thì dạy nấy, ai cần gì thì học nấy.",
        "Các tình nguyện viên là sinh viên và giáo viên về hưu thay nhau đứng lớp vào cuối tuần.",
        "Neighbourhood 3: from playground to classroom",
        "Residents turned an empty yard into a community learning corner with books, free wifi and English classes "
        "for children.",
        "Whoever knows something teaches it; whoever needs something learns it.",
        "Students and retired teachers take turns teaching at weekends.",
        "blue",
    ),
    (
        "xi-nghiep-may-don-vi-hoc-tap",
        "Xí nghiệp may nơi công nhân được học mỗi tuần",
        "Xí nghiệp May Bình An",
        "collective",
        "learning_unit",
        "Quận Bình Tân",
        "Phường Bình Hưng Hòa A",
        "current",
        "Xí nghiệp dành hai giờ mỗi tuần cho công nhân học kỹ năng số và an toàn lao động; 80% người lao động đạt "
        "“Công dân học tập”.",
        "Công nhân giỏi nghề thì xí nghiệp mới vững.",
        "Phòng học được bố trí ngay cạnh nhà ăn để công nhân tiện tham gia sau giờ nghỉ trưa.",
        "A garment workshop where workers learn every week",
        "The workshop gives its workers two hours a week for digital skills and safety training; 80% are Learning "
        "citizens.",
        "Skilled workers make a strong workshop.",
        "The classroom sits next to the canteen so that workers can join after lunch.",
        "orange",
    ),
    (
        "co-giao-ve-huu-mo-lop-xoa-mu-chu",
        "Cô giáo về hưu mở lớp học tình thương",
        "Bà Lê Thị Thu Hà",
        "person",
        "learning_citizen",
        "Quận 8",
        "Phường 16",
        "llw2023",
        "Sau khi nghỉ hưu, cô Hà mở lớp học miễn phí cho trẻ em lao động và người lớn chưa biết chữ ngay tại nhà.",
        "Được dạy học là niềm vui, không phải là công việc.",
        "Lớp học có mười hai học viên, người nhỏ nhất chín tuổi, người lớn nhất năm mươi tám tuổi.",
        "A retired teacher's free classroom",
        "After retiring, Ms Hà opened a free class at home for working children and adults who cannot read.",
        "Teaching is a joy, not a job.",
        "The class has twelve learners, aged nine to fifty-eight.",
        "purple",
    ),
    (
        "chien-si-bien-phong-day-chu",
        "Người chiến sĩ biên phòng dạy chữ cho ngư dân",
        "Thượng úy Phạm Minh Khôi",
        "person",
        "learning_citizen",
        "Huyện Cát Hải",
        "Thị trấn Cát Bà",
        "hp2023",
        "Ngoài giờ tuần tra, anh Khôi mở lớp bổ túc văn hóa và hướng dẫn ngư dân dùng ứng dụng thời tiết trên điện "
        "thoại.",
        "Biển rộng, nhưng con chữ mới giúp bà con đi xa.",
        "Chương trình phối hợp giữa Hội Khuyến học và Bộ đội Biên phòng thành phố đã nhân rộng mô hình này ra ba xã "
        "đảo.",
        "The border guard who teaches fishermen to read",
        "Off patrol, Lieutenant Khôi runs catch-up classes and shows fishermen how to use weather apps.",
        "The sea is wide, but it is reading that takes people far.",
        "The cooperation programme between the association and the border guard spread the model to three islands.",
        "blue",
    ),
    (
        "hoc-bong-hoa-phuong-do-em-mai",
        "Học bổng Hoa Phượng Đỏ tiếp sức em Mai đến giảng đường",
        "Em Đỗ Thị Mai",
        "person",
        "scholarship",
        "Huyện Tiên Lãng",
        "Xã Quang Phục",
        "hp2023",
        "Mồ côi cha từ nhỏ, Mai vẫn là học sinh giỏi suốt mười hai năm và nhận học bổng Hoa Phượng Đỏ năm 2023.",
        "Em sẽ học thật tốt để sau này về dạy học ở quê.",
        "Suất học bổng giúp Mai trang trải học phí năm đầu tiên tại trường sư phạm.",
        "A Hoa Phượng Đỏ scholarship takes Mai to university",
        "Fatherless since childhood, Mai stayed top of her class for twelve years and won a 2023 Hoa Phượng Đỏ "
        "scholarship.",
        "I will study hard and come back to teach in my village.",
        "The scholarship pays for her first year at teacher-training college.",
        "red",
    ),
    (
        "nguoi-lon-tuoi-hoc-tieng-anh",
        "Bắt đầu học tiếng Anh ở tuổi sáu mươi lăm",
        "Ông Võ Thành Nhân",
        "person",
        "learning_citizen",
        "Huyện Củ Chi",
        "Xã Tân Thông Hội",
        "current",
        "Ông Nhân theo học lớp tiếng Anh giao tiếp ở trung tâm học tập cộng đồng và nay hướng dẫn khách tham quan "
        "địa đạo.",
        "Không bao giờ là quá muộn để học một điều mới.",
        "Ông nhận học bổng “Học không bao giờ cùng” dành cho người lớn học tập tốt.",
        "Learning English at sixty-five",
        "Mr Nhân took English classes at the community learning centre and now guides visitors at the tunnels.",
        "It is never too late to learn something new.",
        "He received a “Never stop learning” scholarship for adult learners.",
        "green",
    ),
    (
        "truong-tieu-hoc-thu-vien-xanh",
        "Thư viện xanh của Trường Tiểu học Hòa Bình",
        "Trường Tiểu học Hòa Bình",
        "collective",
        "learning_unit",
        "Quận Lê Chân",
        "Phường Dư Hàng Kênh",
        "",
        "Thư viện ngoài trời với hơn ba nghìn đầu sách do phụ huynh và cựu học sinh quyên góp, mở cửa cho cả người "
        "dân trong phường.",
        "Sách phải ở nơi các em chạy chơi, không phải trong tủ khóa.",
        "Mỗi tuần, các lớp thay nhau giới thiệu một cuốn sách hay dưới tán cây.",
        "The green library of Hòa Bình Primary School",
        "An open-air library of more than three thousand books donated by parents and former pupils, open to the "
        "whole ward.",
        "Books belong where children play, not in locked cupboards.",
        "Every week a class presents a good book under the trees.",
        "teal",
    ),
    (
        "dong-ho-le-hoc-tap",
        "Dòng họ Lê lập tủ sách trong nhà thờ họ",
        "Dòng họ Lê ở ấp Bàu Trăn",
        "collective",
        "learning_clan",
        "Huyện Hóc Môn",
        "Xã Nhị Bình",
        "current",
        "Tủ sách dòng họ với sách kỹ thuật nông nghiệp và sách thiếu nhi giúp bà con áp dụng cách trồng rau an toàn.",
        "Giữ nếp nhà bằng con chữ.",
        "Con cháu đi làm xa gửi sách về mỗi dịp lễ, Tết.",
        "The Lê clan's bookcase in the ancestral hall",
        "The clan's bookcase of farming and children's books helped villagers grow vegetables safely.",
        "We keep our family's ways alive through reading.",
        "Relatives working far away send books home at every holiday.",
        "orange",
    ),
    (
        "ap-cong-dong-hoc-tap-ky-nang-so",
        "Ấp Phú Lợi: cả ấp học kỹ năng số",
        "Ấp Phú Lợi",
        "collective",
        "learning_community",
        "Huyện Bình Chánh",
        "Xã Bình Lợi",
        "llw2023",
        "Nhờ các lớp kỹ năng số, phần lớn hộ dân trong ấp đã tự làm thủ tục hành chính trực tuyến.",
        "Học để không ai bị bỏ lại phía sau.",
        "Đoàn viên thanh niên đến từng nhà hướng dẫn người cao tuổi.",
        "Phú Lợi hamlet learns digital skills together",
        "Thanks to digital-skills classes, most households now handle their paperwork online.",
        "We learn so that no one is left behind.",
        "Young volunteers visit older residents at home to help them.",
        "purple",
    ),
    (
        "tiem-sua-xe-day-nghe",
        "Người thợ sửa xe dạy nghề miễn phí",
        "Ông Huỳnh Văn Tám",
        "person",
        "other",
        "Quận 8",
        "Phường 4",
        "",
        "Hơn hai mươi thanh niên đã học nghề sửa xe miễn phí tại tiệm của ông Tám và nay có việc làm ổn định.",
        "Cho cần câu chứ không cho con cá.",
        "Ông được Hội Khuyến học quận biểu dương là gương người tốt việc tốt.",
        "The mechanic who teaches his trade for free",
        "More than twenty young people learned motorbike repair in Mr Tám's workshop for free and now have steady "
        "jobs.",
        "Give a fishing rod, not a fish.",
        "The district association honoured him as a good example.",
        "red",
    ),
]


# Who each story is about, as the English page names them.
WHO_EN = {
    "Gia đình ông Trần Văn Lộc": "The family of Mr Trần Văn Lộc",
    "Dòng họ Nguyễn ở thôn Đông": "The Nguyễn clan of Đông village",
    "Khu phố 3, phường Linh Trung": "Neighbourhood 3, Linh Trung Ward",
    "Xí nghiệp May Bình An": "Bình An Garment Workshop",
    "Bà Lê Thị Thu Hà": "Mrs Lê Thị Thu Hà",
    "Thượng úy Phạm Minh Khôi": "Senior Lieutenant Phạm Minh Khôi",
    "Em Đỗ Thị Mai": "Đỗ Thị Mai",
    "Ông Võ Thành Nhân": "Mr Võ Thành Nhân",
    "Trường Tiểu học Hòa Bình": "Hòa Bình Primary School",
    "Dòng họ Lê ở ấp Bàu Trăn": "The Lê clan of Bàu Trăn hamlet",
    "Ấp Phú Lợi": "Phú Lợi hamlet",
    "Ông Huỳnh Văn Tám": "Mr Huỳnh Văn Tám",
}


def _stories(index, campaigns):
    english_index = index.get_translation(en())
    for position, story in enumerate(STORIES):
        (
            slug,
            title,
            who,
            kind,
            earned,
            district,
            ward,
            campaign_key,
            summary,
            quote,
            body,
            title_en,
            summary_en,
            quote_en,
            body_en,
            palette,
        ) = story
        campaign = campaigns.get(campaign_key)
        photo = generated_image(f"Gương điển hình: {title}", palette)
        gallery = (
            [
                {"image": generated_image(f"{title} – ảnh {n}", palette, (800, 600)), "caption": f"{who}, ảnh {n}"}
                for n in (1, 2)
            ]
            if position % 3 == 0
            else []
        )
        page = upsert_page(
            index,
            StoryPage,
            slug,
            {
                "title": title,
                "search_description": summary,
                "subject_name": who,
                "subject_kind": kind,
                "earned_title": earned,
                "district": district,
                "ward": ward,
                "campaign": campaign,
                "summary": summary,
                "pull_quote": quote,
                "photo": photo,
                "body": [("paragraph", f"<p>{body}</p>")],
            },
            children={"gallery_images": (StoryGalleryImage, gallery)},
        )
        upsert_page_translation(
            page,
            en(),
            {
                "title": title_en,
                "slug": slug,
                "search_description": summary_en,
                "subject_name": WHO_EN[who],
                "district": english_area_name(district),
                "ward": english_area_name(ward),
                "campaign": campaign.get_translation(en()) if campaign else None,
                "summary": summary_en,
                "pull_quote": quote_en,
                "body": [("paragraph", f"<p>{body_en}</p>")],
            },
            children={
                "gallery_images": (
                    StoryGalleryImage,
                    [{**item, "caption": f"{WHO_EN[who]}, photo {n}"} for n, item in enumerate(gallery, start=1)],
                )
            },
        )
    return english_index


def seed(stdout):
    home, _english_home = home_pages()
    today = services.local_today()
    orgs = _organisations()
    kinds = _kinds()
    index = upsert_page(
        home,
        CampaignIndexPage,
        "chien-dich",
        {
            "title": "Chiến dịch",
            "search_description": (
                "Tháng Khuyến học, Tuần lễ học tập suốt đời và các đợt thi đua xây dựng xã hội học tập."
            ),
            "intro": "<p>Các chiến dịch khuyến học, khuyến tài, xây dựng xã hội học tập: chủ đề, thời gian, hoạt "
            "động và chỉ tiêu.</p>",
            "show_in_menus": True,
        },
    )
    english_index = upsert_page_translation(
        index,
        en(),
        {
            "title": "Campaigns",
            "slug": "campaigns",
            "search_description": "Encouraging Learning Months, Lifelong Learning Weeks and learning-society drives.",
            "intro": "<p>Study promotion and learning-society campaigns: themes, dates, activities and targets.</p>",
        },
    )
    campaigns = {
        "hp2023": _hai_phong_2023(index, orgs, kinds),
        "hcm2023": _hcm_plan_2023(index, orgs, kinds),
        "llw2023": _hcm_lifelong_learning_week_2023(index, orgs, kinds),
        "current": _current_drive(index, orgs, kinds, today),
        "bookday": _book_day(index, orgs, kinds, today),
    }
    services.ensure_campaign_workflow([index, english_index])

    stories = upsert_page(
        home,
        StoryIndexPage,
        "guong-dien-hinh",
        {
            "title": "Gương điển hình",
            "search_description": (
                "Gương điển hình tiên tiến, người tốt việc tốt trong phong trào khuyến học, khuyến tài."
            ),
            "intro": "<p>Những gia đình, dòng họ, cộng đồng, đơn vị và công dân học tập tiêu biểu.</p>",
            "show_in_menus": True,
        },
    )
    upsert_page_translation(
        stories,
        en(),
        {
            "title": "Exemplars",
            "slug": "exemplars",
            "search_description": (
                "Exemplary families, clans, communities, units and citizens of the learning movement."
            ),
            "intro": "<p>Exemplary learning families, clans, communities, units and citizens.</p>",
        },
    )
    _stories(stories, campaigns)
    stdout.write(f"Campaigns ready: {len(campaigns)} campaigns, {len(STORIES)} exemplar stories.")
