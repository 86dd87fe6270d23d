"""The demo library's text: summaries of the five plans, and a catalogue of self-study resources.

The plans' summaries are written from the published plans (their scans lose accents; the
text below restores them). ``resources.seed`` turns each entry into a document and a page.
"""

HCMC_DOET = "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"
HCMC_SPA = "Hội Khuyến học Thành phố Hồ Chí Minh"
HAIPHONG = "Ủy ban nhân dân thành phố Hải Phòng"
THAP_MUOI = "Ủy ban nhân dân huyện Tháp Mười"
VN_SPA = "Hội Khuyến học Việt Nam"
LIBRARY_ORG = "Thư viện Khoa học Tổng hợp Thành phố Hồ Chí Minh"

# (kind, area code, website): the same unit as in the campaigns' and events' seeds is the same row.
ORGANISATIONS = {
    HCMC_DOET: ("government", "79", "https://hcm.edu.vn/"),
    HCMC_SPA: ("association", "79", ""),
    HAIPHONG: ("government", "31", ""),
    THAP_MUOI: ("government", "87-TM", ""),
    VN_SPA: ("association", None, ""),
    LIBRARY_ORG: ("other", "79", ""),
}

# Each plan: the fields of its resource page, and the sections of the summary document.
PLANS = [
    {
        "identifier": "KH-59-2023-SGDDT-HKH",
        "slug": "tom-tat-ke-hoach-phoi-hop-khuyen-hoc-2023",
        "title": "Tóm tắt Kế hoạch phối hợp khuyến học, khuyến tài, xây dựng xã hội học tập năm 2023",
        "title_en": "Summary of the 2023 joint plan for study promotion and the learning society (Ho Chi Minh City)",
        "summary": (
            "Những điểm chính của Kế hoạch số 59/KH-SGDĐT-HKH ngày 09/5/2023 giữa Sở Giáo dục và Đào tạo và "
            "Hội Khuyến học Thành phố Hồ Chí Minh: tuyên truyền, trung tâm học tập cộng đồng và các chỉ tiêu "
            "về danh hiệu học tập."
        ),
        "summary_en": (
            "The main points of Plan 59/KH-SGDĐT-HKH of 9 May 2023 between Ho Chi Minh City's Department of "
            "Education and Training and its Study Promotion Association: outreach, community learning centres "
            "and targets for the learning titles."
        ),
        "year": 2023,
        "publisher": HCMC_DOET,
        "author": HCMC_SPA,
        "topics": ["chinh-sach-xa-hoi-hoc-tap"],
        "audiences": ["can-bo-cong-chuc", "giao-vien"],
        "sections": [
            (
                "Mục đích",
                [
                    "Tăng cường phối hợp giữa Sở Giáo dục và Đào tạo và Hội Khuyến học Thành phố để hoàn thành "
                    "các chỉ tiêu của Kế hoạch số 4344/KH-UBND về Đề án “Xây dựng xã hội học tập giai đoạn "
                    "2021 – 2030” năm 2023.",
                    "Triển khai các đề án “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng "
                    "đồng” và “Xây dựng mô hình công dân học tập”; chuẩn bị để Thành phố trở thành thành viên "
                    "Mạng lưới thành phố học tập toàn cầu UNESCO.",
                ],
            ),
            (
                "Nội dung chính",
                [
                    "Đẩy mạnh tuyên truyền trên phương tiện thông tin đại chúng, website của ngành và trong các "
                    "hội nghị; hưởng ứng Tuần lễ học tập suốt đời, Ngày Khuyến học Việt Nam và Ngày Sách và "
                    "Văn hóa đọc Việt Nam.",
                    "Tham mưu ban hành văn bản, cơ chế, chính sách; củng cố và nâng cao chất lượng hoạt động "
                    "của trung tâm học tập cộng đồng; phát triển hội viên và tổ chức Hội Khuyến học.",
                ],
            ),
            (
                "Chỉ tiêu năm 2023",
                [
                    "60% gia đình đạt danh hiệu “Gia đình học tập”; 55% dòng họ đạt “Dòng họ học tập”; 55% "
                    "cộng đồng (tổ dân phố và tương đương) đạt “Cộng đồng học tập”; 60% tổ chức, cơ quan, "
                    "trường học, doanh nghiệp đạt “Đơn vị học tập”.",
                    "30% người lớn trong gia đình, dòng họ, cộng đồng học tập và 50% cán bộ, công chức, viên "
                    "chức, người lao động trong đơn vị học tập đạt danh hiệu “Công dân học tập”.",
                ],
            ),
        ],
    },
    {
        "identifier": "KH-HP-THANG-KHUYEN-HOC-2023",
        "slug": "tom-tat-ke-hoach-thang-khuyen-hoc-hai-phong-2023",
        "title": "Tóm tắt Kế hoạch tổ chức Tháng Khuyến học năm 2023 của thành phố Hải Phòng",
        "title_en": "Summary of Hải Phòng's plan for the 2023 Encouraging Learning Month",
        "summary": (
            "Chủ đề, thời gian (02/9 – 02/10/2023) và sáu nhóm hoạt động của Tháng Khuyến học năm 2023 tại Hải "
            "Phòng, năm kỷ niệm 25 năm thành lập Hội Khuyến học thành phố."
        ),
        "summary_en": (
            "The theme, the dates (2 September – 2 October 2023) and the six groups of activities of Hải "
            "Phòng's 2023 Encouraging Learning Month, in the year of its Study Promotion Association's 25th "
            "anniversary."
        ),
        "year": 2023,
        "publisher": HAIPHONG,
        "author": None,
        "topics": ["chinh-sach-xa-hoi-hoc-tap", "van-hoa-doc"],
        "audiences": ["nguoi-lon", "can-bo-cong-chuc"],
        "sections": [
            (
                "Chủ đề và thời gian",
                [
                    "Hưởng ứng phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời "
                    "giai đoạn 2023 – 2030”, công dân Hải Phòng phấn đấu trở thành “Công dân học tập”, góp phần "
                    "xây dựng Hải Phòng thành “Thành phố học tập”.",
                    "Thời gian: từ ngày 02 tháng 9 đến ngày 02 tháng 10 năm 2023.",
                ],
            ),
            (
                "Hoạt động",
                [
                    "Tuyên truyền qua phát thanh, truyền hình, báo chí, mạng xã hội; biểu dương các tập thể, cá "
                    "nhân điển hình tiên tiến.",
                    "Phát triển tổ chức khuyến học: mỗi quận, huyện thành lập thêm ít nhất 10 Ban Khuyến học; "
                    "nâng tỷ lệ hội viên khuyến học toàn thành phố lên 27,5%.",
                    "Ký kết chương trình phối hợp với Công an, Bộ Chỉ huy Quân sự và Bộ đội Biên phòng thành "
                    "phố (tháng 9/2023); hội thảo “Doanh nghiệp, doanh nhân với phong trào khuyến học, khuyến "
                    "tài” (tháng 10/2023).",
                    "Tổ chức Tuần lễ học tập suốt đời; kỷ niệm Ngày Khuyến học Việt Nam và 25 năm thành lập "
                    "Hội Khuyến học Hải Phòng (14/10/1998 – 14/10/2023), trao học bổng Hoa Phượng Đỏ.",
                ],
            ),
        ],
    },
    {
        "identifier": "KH-2417-2024-SGDDT",
        "slug": "tom-tat-ke-hoach-thanh-pho-hoc-tap-unesco-2024",
        "title": "Tóm tắt Kế hoạch xây dựng “Thành phố học tập toàn cầu UNESCO” của ngành Giáo dục năm 2024",
        "title_en": "Summary of the education sector's 2024 plan for the UNESCO Global Learning City",
        "summary": (
            "Kế hoạch số 2417/KH-SGDĐT ngày 22/4/2024: ngành Giáo dục và Đào tạo Thành phố Hồ Chí Minh thực "
            "hiện Bộ tiêu chí thành phố học tập của UNESCO, chuyển đổi số và hợp tác quốc tế, báo cáo kết quả "
            "với UNESCO năm 2025."
        ),
        "summary_en": (
            "Plan 2417/KH-SGDĐT of 22 April 2024: Ho Chi Minh City's education sector implements UNESCO's "
            "learning-city criteria, goes digital, works with international partners and reports to UNESCO "
            "in 2025."
        ),
        "year": 2024,
        "publisher": HCMC_DOET,
        "author": None,
        "topics": ["chinh-sach-xa-hoi-hoc-tap", "ky-nang-so"],
        "audiences": ["can-bo-cong-chuc", "giao-vien"],
        "sections": [
            (
                "Mục đích, yêu cầu",
                [
                    "Căn cứ Kế hoạch số 1927/KH-UBND ngày 11/4/2024 của Ủy ban nhân dân Thành phố, thực hiện "
                    "Bộ tiêu chí xây dựng thành phố học tập theo tiêu chuẩn của UNESCO và các cam kết trong hồ "
                    "sơ đăng ký thành viên Mạng lưới thành phố học tập toàn cầu.",
                    "Phát huy sáng kiến của các cơ sở giáo dục, huy động nguồn lực toàn ngành; phối hợp với các "
                    "sở, ngành, đoàn thể và tổ chức xã hội.",
                ],
            ),
            (
                "Nội dung thực hiện",
                [
                    "Tuyên truyền, phổ biến, nâng cao nhận thức về xây dựng thành phố học tập.",
                    "Hoàn thiện cơ chế, chính sách; đẩy mạnh chuyển đổi số, xây dựng phần mềm quản lý và báo "
                    "cáo kết quả thực hiện các tiêu chí, chỉ số.",
                    "Triển khai các tiêu chí, chỉ số của Bộ tiêu chí; tổ chức hội nghị, hội thảo và hợp tác "
                    "quốc tế. Kinh phí từ ngân sách nhà nước và nguồn tài trợ, đóng góp hợp pháp.",
                ],
            ),
        ],
    },
    {
        "identifier": "KH-415-2024-UBND-THAP-MUOI",
        "slug": "tom-tat-ke-hoach-hoc-tap-suot-doi-thap-muoi-2024",
        "title": "Tóm tắt Kế hoạch đẩy mạnh học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị – "
        "huyện Tháp Mười 2024",
        "title_en": "Summary of Tháp Mười district's 2024 plan for lifelong learning in families, clans, "
        "communities and units",
        "summary": (
            "Kế hoạch số 415/KH-UBND ngày 31/01/2024 của huyện Tháp Mười: mục tiêu về các danh hiệu học tập, "
            "Trung tâm Văn hóa – Học tập cộng đồng và sáu nhóm nhiệm vụ, giải pháp."
        ),
        "summary_en": (
            "Tháp Mười district's Plan 415/KH-UBND of 31 January 2024: targets for the learning titles, the "
            "community culture and learning centres, and six groups of tasks."
        ),
        "year": 2024,
        "publisher": THAP_MUOI,
        "author": None,
        "topics": ["chinh-sach-xa-hoi-hoc-tap"],
        "audiences": ["nguoi-lon", "can-bo-cong-chuc"],
        "sections": [
            (
                "Mục tiêu cụ thể",
                [
                    "85% gia đình đạt “Gia đình học tập”; 80% dòng họ đạt “Dòng họ học tập”; 90% cộng đồng đạt "
                    "“Cộng đồng học tập”; 90% tổ chức, cơ quan, trường học, doanh nghiệp cấp xã đạt “Đơn vị học "
                    "tập”; 75% tổ chức, cơ quan cấp huyện đạt “Đơn vị học tập” từ loại khá trở lên.",
                    "30% người lao động trong gia đình, dòng họ, cộng đồng học tập và 40% cán bộ, công chức, "
                    "nhân viên trong đơn vị học tập cấp xã đạt danh hiệu “Công dân học tập”.",
                    "100% Chủ tịch hoặc Phó Chủ tịch Hội Khuyến học – Cựu giáo chức cấp xã tham gia quản lý "
                    "Trung tâm Văn hóa – Học tập cộng đồng; 20% hội viên được bồi dưỡng về công nghệ thông tin.",
                ],
            ),
            (
                "Nhiệm vụ và giải pháp",
                [
                    "Nâng cao chất lượng và nhân rộng các mô hình học tập; đổi mới tuyên truyền; ứng dụng công "
                    "nghệ số trong tổ chức, đánh giá mô hình học tập.",
                    "Nâng cao hiệu quả Trung tâm Văn hóa – Học tập cộng đồng; kiểm tra, đánh giá các mô hình học "
                    "tập; tăng cường nguồn lực xã hội hóa cho phong trào.",
                ],
            ),
        ],
    },
    {
        "identifier": "KH-TAP-HUAN-CDHT-DVHT-2024",
        "slug": "tom-tat-ke-hoach-tap-huan-cong-dan-hoc-tap-2024",
        "title": "Tóm tắt Kế hoạch tập huấn đánh giá, công nhận “Công dân học tập”, “Đơn vị học tập” năm 2024",
        "title_en": "Summary of the 2024 training on assessing the “Learning citizen” and “Learning unit” titles",
        "summary": (
            "Nội dung, thời gian (8 giờ 00, thứ Tư, 11/12/2024), địa điểm (68 Lê Thánh Tôn, Quận 1) và thành "
            "phần tham dự buổi tập huấn của Sở Giáo dục và Đào tạo; đăng ký trước ngày 05/12/2024."
        ),
        "summary_en": (
            "Content, time (08:00, Wednesday 11 December 2024), place (68 Lê Thánh Tôn, District 1) and "
            "delegates of the Department of Education and Training's training session; register by "
            "5 December 2024."
        ),
        "year": 2024,
        "publisher": HCMC_DOET,
        "author": HCMC_SPA,
        "topics": ["chinh-sach-xa-hoi-hoc-tap", "phap-luat"],
        "audiences": ["can-bo-cong-chuc", "giao-vien"],
        "sections": [
            (
                "Nội dung tập huấn",
                [
                    "Hướng dẫn đánh giá, công nhận “Đơn vị học tập” theo Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023.",
                    "Hướng dẫn Bộ tiêu chí “Công dân học tập” giai đoạn 2021 – 2030 (Quyết định số "
                    "324/QĐ-KHVN ngày 25/10/2023) và cách lập hồ sơ, biểu mẫu.",
                ],
            ),
            (
                "Thời gian, địa điểm, thành phần",
                [
                    "8 giờ 00, thứ Tư, ngày 11/12/2024, tại Sở Giáo dục và Đào tạo, 68 Lê Thánh Tôn, Quận 1.",
                    "Các sở, ban, ngành và tổ chức cử 03 đại biểu; mỗi cơ sở giáo dục cử 01 lãnh đạo và 01 "
                    "giáo viên (nhân viên) phụ trách. Đăng ký trước ngày 05/12/2024; đại biểu mang theo máy tính.",
                ],
            ),
        ],
    },
]

# The rest of the catalogue: self-study resources. "format" is pdf, docx, link or images.
CATALOGUE = [
    (
        "HL-001",
        "so-tay-dung-dien-thoai-thong-minh",
        "Sổ tay sử dụng điện thoại thông minh cho người cao tuổi",
        "Smartphone handbook for older people",
        "Hướng dẫn từng bước: gọi video, nhắn tin Zalo, chụp ảnh và giữ an toàn tài khoản.",
        "Step by step: video calls, Zalo messages, photos and keeping an account safe.",
        "pdf",
        ["ky-nang-so"],
        ["nguoi-cao-tuoi"],
    ),
    (
        "HL-002",
        "nhan-dien-lua-dao-truc-tuyen",
        "Nhận diện lừa đảo trực tuyến",
        "Spotting online scams",
        "Các thủ đoạn lừa đảo qua điện thoại và mạng xã hội thường gặp, cách phòng tránh và nơi trình báo.",
        "Common phone and social-network scams, how to avoid them and where to report them.",
        "pdf",
        ["ky-nang-so", "phap-luat"],
        ["nguoi-cao-tuoi", "nguoi-lon"],
    ),
    (
        "HL-003",
        "dich-vu-cong-truc-tuyen",
        "Làm thủ tục trên Cổng dịch vụ công",
        "Using the public services portal",
        "Tạo tài khoản định danh điện tử và nộp hồ sơ trực tuyến cho các thủ tục hành chính thường gặp.",
        "Creating an electronic ID account and filing common administrative procedures online.",
        "docx",
        ["ky-nang-so", "phap-luat"],
        ["nguoi-lon", "nguoi-lao-dong"],
    ),
    (
        "HL-004",
        "bang-tinh-co-ban",
        "Bảng tính cơ bản cho công việc văn phòng",
        "Spreadsheet basics for office work",
        "Nhập liệu, công thức đơn giản, lọc và in bảng tính: bài tập kèm lời giải.",
        "Data entry, simple formulas, filters and printing: exercises with answers.",
        "docx",
        ["ky-nang-so", "ky-nang-nghe"],
        ["nguoi-lao-dong", "can-bo-cong-chuc"],
    ),
    (
        "HL-005",
        "hoc-truc-tuyen-an-toan-cho-hoc-sinh",
        "Học trực tuyến an toàn cho học sinh",
        "Safe online learning for pupils",
        "Quy tắc bảo vệ thông tin cá nhân, ứng xử văn minh và cân bằng thời gian trước màn hình.",
        "Rules for protecting personal data, behaving well online and balancing screen time.",
        "pdf",
        ["ky-nang-so"],
        ["hoc-sinh", "tre-em"],
    ),
    (
        "HL-006",
        "ba-cuon-sach-moi-nam",
        "Mỗi người đọc ba cuốn sách một năm: gợi ý tủ sách gia đình",
        "Three books a year: a family bookshelf",
        "Danh mục gợi ý sách cho từng lứa tuổi và cách duy trì thói quen đọc trong gia đình.",
        "Suggested books for each age and how to keep a reading habit at home.",
        "pdf",
        ["van-hoa-doc"],
        ["nguoi-lon", "tre-em"],
    ),
    (
        "HL-007",
        "doc-cung-con-moi-toi",
        "Đọc cùng con mỗi tối",
        "Reading with your child every evening",
        "Mười lăm phút đọc sách cùng con: chọn sách, đặt câu hỏi và kể lại câu chuyện.",
        "Fifteen minutes of reading together: choosing books, asking questions, retelling the story.",
        "pdf",
        ["van-hoa-doc", "nuoi-day-con"],
        ["nguoi-lon", "tre-em"],
    ),
    (
        "HL-008",
        "to-chuc-tu-sach-cong-dong",
        "Tổ chức tủ sách cộng đồng tại khu phố",
        "Running a neighbourhood bookshelf",
        "Kinh nghiệm vận động sách, sắp xếp, cho mượn và tổ chức sinh hoạt đọc tại tủ sách khu phố.",
        "Collecting books, shelving, lending and reading events at a neighbourhood bookshelf.",
        "docx",
        ["van-hoa-doc"],
        ["nguoi-lon", "can-bo-cong-chuc"],
    ),
    (
        "HL-009",
        "cau-lac-bo-doc-sach-truong-hoc",
        "Câu lạc bộ đọc sách trong trường học",
        "A school reading club",
        "Gợi ý hoạt động hằng tháng cho câu lạc bộ đọc sách của học sinh, kèm phiếu đọc sách.",
        "Monthly activities for a pupils' reading club, with reading sheets.",
        "docx",
        ["van-hoa-doc"],
        ["hoc-sinh", "giao-vien"],
    ),
    (
        "HL-010",
        "ky-nang-nghe-sua-chua-dien-dan-dung",
        "Sửa chữa điện dân dụng cơ bản",
        "Basic household electrical repairs",
        "An toàn điện, thay ổ cắm, công tắc và bóng đèn: tài liệu học nghề ngắn hạn.",
        "Electrical safety, replacing sockets, switches and bulbs: a short vocational course.",
        "pdf",
        ["ky-nang-nghe"],
        ["nguoi-lao-dong", "nguoi-lon"],
    ),
    (
        "HL-011",
        "trong-rau-sach-tai-nha",
        "Trồng rau sạch tại nhà",
        "Growing vegetables at home",
        "Chuẩn bị đất, chọn giống, tưới và phòng sâu bệnh cho vườn rau nhỏ trên sân thượng.",
        "Soil, seeds, watering and pests for a small rooftop vegetable garden.",
        "images",
        ["ky-nang-nghe"],
        ["nguoi-lon", "nguoi-cao-tuoi"],
    ),
    (
        "HL-012",
        "ban-hang-truc-tuyen-cho-ho-kinh-doanh",
        "Bán hàng trực tuyến cho hộ kinh doanh",
        "Selling online for household businesses",
        "Chụp ảnh sản phẩm, viết mô tả, nhận thanh toán điện tử và chăm sóc khách hàng.",
        "Product photos, descriptions, electronic payments and customer care.",
        "pdf",
        ["ky-nang-nghe", "ky-nang-so"],
        ["nguoi-lao-dong"],
    ),
    (
        "HL-013",
        "an-toan-lao-dong-tai-nha-may",
        "An toàn lao động tại nhà máy",
        "Workplace safety in factories",
        "Trang bị bảo hộ, biển báo và xử lý ban đầu khi có tai nạn lao động.",
        "Protective equipment, safety signs and first response to accidents at work.",
        "docx",
        ["ky-nang-nghe", "suc-khoe"],
        ["nguoi-lao-dong"],
    ),
    (
        "HL-014",
        "nuoi-day-con-tuoi-mam-non",
        "Nuôi dạy con tuổi mầm non",
        "Raising pre-school children",
        "Dinh dưỡng, giấc ngủ, vui chơi và trò chuyện giúp trẻ phát triển toàn diện.",
        "Nutrition, sleep, play and conversation for a child's all-round development.",
        "pdf",
        ["nuoi-day-con", "suc-khoe"],
        ["nguoi-lon"],
    ),
    (
        "HL-015",
        "dong-hanh-cung-con-tuoi-day-thi",
        "Đồng hành cùng con tuổi dậy thì",
        "Supporting teenagers",
        "Lắng nghe, đặt giới hạn và giúp con sử dụng mạng xã hội lành mạnh.",
        "Listening, setting limits and helping teenagers use social networks well.",
        "docx",
        ["nuoi-day-con"],
        ["nguoi-lon", "giao-vien"],
    ),
    (
        "HL-016",
        "gia-dinh-hoc-tap-bat-dau-tu-dau",
        "Gia đình học tập bắt đầu từ đâu?",
        "Where does a learning family start?",
        "Tiêu chí “Gia đình học tập” và những việc nhỏ mỗi gia đình có thể làm ngay.",
        "The “Learning family” criteria and small steps every family can take today.",
        "pdf",
        ["nuoi-day-con", "chinh-sach-xa-hoi-hoc-tap"],
        ["nguoi-lon"],
    ),
    (
        "HL-017",
        "cham-soc-suc-khoe-nguoi-cao-tuoi",
        "Chăm sóc sức khỏe người cao tuổi tại nhà",
        "Caring for older people at home",
        "Theo dõi huyết áp, dinh dưỡng hợp lý, vận động nhẹ và phòng ngã.",
        "Blood pressure, a balanced diet, gentle exercise and preventing falls.",
        "pdf",
        ["suc-khoe"],
        ["nguoi-cao-tuoi", "nguoi-lon"],
    ),
    (
        "HL-018",
        "so-cap-cuu-ban-dau",
        "Sơ cấp cứu ban đầu",
        "First aid",
        "Xử lý vết thương, bỏng, đuối nước và gọi cấp cứu 115 đúng cách.",
        "Wounds, burns, drowning and calling the 115 emergency number.",
        "images",
        ["suc-khoe"],
        ["nguoi-lon", "hoc-sinh", "giao-vien"],
    ),
    (
        "HL-019",
        "dinh-duong-hoc-duong",
        "Dinh dưỡng học đường",
        "Nutrition at school",
        "Bữa ăn cân đối cho học sinh và cách đọc nhãn thực phẩm.",
        "Balanced meals for pupils and how to read food labels.",
        "docx",
        ["suc-khoe"],
        ["hoc-sinh", "giao-vien"],
    ),
    (
        "HL-020",
        "bao-ve-du-lieu-ca-nhan",
        "Bảo vệ dữ liệu cá nhân theo Nghị định 13/2023/NĐ-CP",
        "Personal data protection under Decree 13/2023/NĐ-CP",
        "Quyền của chủ thể dữ liệu, sự đồng ý và trách nhiệm của tổ chức khi thu thập thông tin.",
        "Data subjects' rights, consent and the duties of organisations that collect data.",
        "pdf",
        ["phap-luat", "ky-nang-so"],
        ["can-bo-cong-chuc", "nguoi-lon"],
    ),
    (
        "HL-021",
        "phap-luat-lao-dong-can-biet",
        "Pháp luật lao động người lao động cần biết",
        "Labour law every worker should know",
        "Hợp đồng lao động, tiền lương, bảo hiểm xã hội và giải quyết tranh chấp.",
        "Employment contracts, wages, social insurance and settling disputes.",
        "docx",
        ["phap-luat"],
        ["nguoi-lao-dong"],
    ),
    (
        "HL-022",
        "an-toan-giao-thong-cho-hoc-sinh",
        "An toàn giao thông cho học sinh",
        "Road safety for pupils",
        "Đội mũ bảo hiểm, đi bộ an toàn và quy tắc khi đi xe đạp đến trường.",
        "Helmets, walking safely and cycling rules on the way to school.",
        "images",
        ["phap-luat"],
        ["hoc-sinh", "tre-em"],
    ),
    (
        "HL-023",
        "tieng-anh-giao-tiep-co-ban",
        "Tiếng Anh giao tiếp cơ bản",
        "Basic English conversation",
        "Hai mươi tình huống giao tiếp hằng ngày kèm mẫu câu và từ vựng.",
        "Twenty everyday situations with model sentences and vocabulary.",
        "pdf",
        ["ngoai-ngu"],
        ["nguoi-lon", "hoc-sinh"],
    ),
    (
        "HL-024",
        "tieng-anh-cho-huong-dan-vien-du-lich",
        "Tiếng Anh cho người làm du lịch cộng đồng",
        "English for community tourism",
        "Chào đón khách, giới thiệu món ăn và đường đi: tài liệu cho hộ làm du lịch cộng đồng.",
        "Welcoming guests, presenting dishes and giving directions, for community tourism hosts.",
        "docx",
        ["ngoai-ngu", "ky-nang-nghe"],
        ["nguoi-lao-dong"],
    ),
    (
        "HL-025",
        "hoc-ngoai-ngu-tren-ung-dung",
        "Tự học ngoại ngữ bằng ứng dụng miễn phí",
        "Learning a language with free apps",
        "Khóa học trực tuyến miễn phí giúp người lớn luyện nghe, nói mỗi ngày mười phút.",
        "A free online course: ten minutes of listening and speaking practice a day.",
        "link",
        ["ngoai-ngu", "ky-nang-so"],
        ["nguoi-lon", "hoc-sinh"],
    ),
    (
        "HL-026",
        "mang-luoi-thanh-pho-hoc-tap-unesco",
        "Mạng lưới thành phố học tập toàn cầu UNESCO",
        "UNESCO Global Network of Learning Cities",
        "Trang thông tin của Viện Học tập suốt đời UNESCO về mạng lưới và các tiêu chí thành phố học tập.",
        "The UNESCO Institute for Lifelong Learning's pages on the network and the learning-city criteria.",
        "link",
        ["chinh-sach-xa-hoi-hoc-tap"],
        ["can-bo-cong-chuc"],
    ),
    (
        "HL-027",
        "co-so-du-lieu-van-ban-phap-luat",
        "Cơ sở dữ liệu quốc gia về văn bản pháp luật",
        "National database of legal documents",
        "Tra cứu toàn văn các quyết định, thông tư về xây dựng xã hội học tập.",
        "Full texts of the decisions and circulars on building a learning society.",
        "link",
        ["phap-luat", "chinh-sach-xa-hoi-hoc-tap"],
        ["can-bo-cong-chuc", "giao-vien"],
    ),
    (
        "HL-028",
        "bo-tieu-chi-cong-dan-hoc-tap",
        "Hỏi đáp về Bộ tiêu chí “Công dân học tập”",
        "Questions and answers on the “Learning citizen” criteria",
        "Giải thích các tiêu chí của Quyết định 324/QĐ-KHVN và cách tự đánh giá.",
        "The criteria of Decision 324/QĐ-KHVN explained, and how to assess yourself.",
        "pdf",
        ["chinh-sach-xa-hoi-hoc-tap"],
        ["nguoi-lon", "can-bo-cong-chuc"],
    ),
    (
        "HL-029",
        "don-vi-hoc-tap-thong-tu-24",
        "Hướng dẫn đánh giá “Đơn vị học tập” theo Thông tư 24/2023/TT-BGDĐT",
        "Assessing “Learning units” under Circular 24/2023/TT-BGDĐT",
        "Quy trình tự đánh giá, hồ sơ minh chứng và biểu mẫu báo cáo của đơn vị.",
        "Self-assessment, evidence files and report forms for a unit.",
        "docx",
        ["chinh-sach-xa-hoi-hoc-tap", "phap-luat"],
        ["can-bo-cong-chuc", "giao-vien"],
    ),
    (
        "HL-030",
        "trung-tam-hoc-tap-cong-dong",
        "Hoạt động của trung tâm học tập cộng đồng",
        "Running a community learning centre",
        "Khảo sát nhu cầu học, lập kế hoạch lớp học và phối hợp với nhà trường, đoàn thể.",
        "Surveying learning needs, planning classes and working with schools and associations.",
        "pdf",
        ["chinh-sach-xa-hoi-hoc-tap"],
        ["can-bo-cong-chuc", "giao-vien"],
    ),
    (
        "HL-031",
        "ung-dung-cong-nghe-trong-day-hoc",
        "Ứng dụng công nghệ trong dạy học",
        "Technology in teaching",
        "Thiết kế bài giảng trực tuyến, lớp học đảo ngược và đánh giá bằng biểu mẫu điện tử.",
        "Online lessons, the flipped classroom and assessment with electronic forms.",
        "pdf",
        ["ky-nang-so"],
        ["giao-vien"],
    ),
    (
        "HL-032",
        "ky-nang-song-cho-tre",
        "Kỹ năng sống cho trẻ tiểu học",
        "Life skills for primary school children",
        "Tự phục vụ, làm việc nhóm và phòng tránh xâm hại qua các câu chuyện ngắn.",
        "Looking after oneself, teamwork and staying safe, through short stories.",
        "images",
        ["nuoi-day-con"],
        ["tre-em", "giao-vien"],
    ),
    (
        "HL-033",
        "tai-chinh-ca-nhan",
        "Quản lý tài chính cá nhân và gia đình",
        "Managing personal and family finances",
        "Lập ngân sách, tiết kiệm, vay vốn an toàn và tránh tín dụng đen.",
        "Budgets, saving, borrowing safely and avoiding loan sharks.",
        "docx",
        ["ky-nang-nghe", "phap-luat"],
        ["nguoi-lao-dong", "nguoi-lon"],
    ),
    (
        "HL-034",
        "guong-hoc-tap-suot-doi",
        "Những tấm gương học tập suốt đời",
        "Stories of lifelong learners",
        "Tuyển chọn câu chuyện về người cao tuổi, công nhân và cán bộ không ngừng học tập.",
        "Stories of older people, workers and officials who never stopped learning.",
        "pdf",
        ["van-hoa-doc", "chinh-sach-xa-hoi-hoc-tap"],
        ["nguoi-lon", "nguoi-cao-tuoi"],
    ),
    (
        "HL-035",
        "tieng-viet-cho-nguoi-moi-biet-chu",
        "Tiếng Việt cho người mới biết chữ",
        "Vietnamese for new readers",
        "Bài đọc ngắn, chữ to, giúp người lớn mới biết chữ luyện đọc hằng ngày.",
        "Short texts in large print for adults who have just learnt to read.",
        "pdf",
        ["van-hoa-doc"],
        ["nguoi-lon", "nguoi-cao-tuoi"],
    ),
]

# Where the external courses and sites live.
LINKS = {
    "HL-025": "https://www.duolingo.com/",
    "HL-026": "https://www.uil.unesco.org/en/learning-cities",
    "HL-027": "https://vbpl.vn/",
}

# A paragraph every generated self-study document carries after its summary.
STUDY_NOTE = (
    "Tài liệu dùng cho tự học và sinh hoạt tại trung tâm học tập cộng đồng. Bạn đọc được tự do sao chép, "
    "chia sẻ và chuyển thể theo giấy phép ghi trên trang học liệu, với điều kiện ghi rõ nguồn."
)

# Each collection is also shown on the campaign page with that slug, when the campaigns seed made it.
COLLECTIONS = [
    {
        "slug": "tu-sach-khuyen-hoc",
        "title": "Tủ sách khuyến học",
        "title_en": "The study promotion bookshelf",
        "intro": "Các văn bản, kế hoạch và hướng dẫn về phong trào khuyến học, khuyến tài, xây dựng xã hội học tập.",
        "intro_en": "Plans and guides of the study promotion and learning society movement.",
        "identifiers": [plan["identifier"] for plan in PLANS] + ["HL-028", "HL-029"],
        "show_on_home_page": True,
        "campaign_slug": "thang-khuyen-hoc-hai-phong-2023",
    },
    {
        "slug": "ba-cuon-sach-moi-nam",
        "title": "Mỗi năm ba cuốn sách",
        "title_en": "Three books a year",
        "intro": "Hưởng ứng chỉ tiêu mỗi người đọc ít nhất ba cuốn sách một năm: gợi ý cho mọi lứa tuổi.",
        "intro_en": "For the target of at least three books per person per year: suggestions for every age.",
        "identifiers": ["HL-006", "HL-007", "HL-034", "HL-035", "HL-009"],
        "show_on_home_page": False,
        "campaign_slug": "ngay-sach-va-van-hoa-doc",
    },
    {
        "slug": "ky-nang-so-cho-moi-nguoi",
        "title": "Kỹ năng số cho mọi người",
        "title_en": "Digital skills for everyone",
        "intro": "Bắt đầu với điện thoại thông minh, dịch vụ công trực tuyến và an toàn trên mạng.",
        "intro_en": "Start with a smartphone, online public services and staying safe online.",
        "identifiers": ["HL-001", "HL-002", "HL-003", "HL-005"],
        "show_on_home_page": False,
        "campaign_slug": "tuan-le-hoc-tap-suot-doi-tphcm-2023",
    },
]
