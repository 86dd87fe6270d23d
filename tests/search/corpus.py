"""Realistic Vietnamese pages and the queries citizens type to find them."""

import datetime

from tests.search.conftest import CampaignPageFactory, standard

CAMPAIGNS = [
    ("Tuần lễ hưởng ứng học tập suốt đời 2024", 2024, datetime.date(2024, 10, 1)),
    ("Tháng Khuyến học 2024", 2024, datetime.date(2024, 11, 1)),
]

PAGES = [
    ("Đơn vị học tập", "Tiêu chí công nhận đơn vị học tập cấp huyện dành cho cơ quan, doanh nghiệp."),
    ("Gia đình học tập", "Mô hình gia đình học tập, dòng họ học tập và cộng đồng học tập ở khu phố."),
    ("Khuyến học, khuyến tài", "Hội Khuyến học trao học bổng cho học sinh nghèo vượt khó."),
    ("Công dân học tập", "Đánh giá, công nhận công dân học tập theo hướng dẫn của Bộ Giáo dục và Đào tạo."),
    ("Hòa nhập cộng đồng cho người khuyết tật", "Lớp kỹ năng sống giúp người khuyết tật tự tin."),
    ("Giáo dục hoà nhập", "Trường học thân thiện với trẻ khuyết tật."),
    ("Học mà chơi, chơi mà học", "Sân chơi cuối tuần cho thiếu nhi tại nhà văn hóa phường."),
    ("Má tôi đi học buổi tối", "Câu chuyện của một người mẹ năm mươi tuổi học hết lớp chín."),
    ("Mã số học viên", "Mỗi học viên được cấp một mã số để tra cứu kết quả học tập."),
    ("Phòng chống ma túy học đường", "Tuyên truyền cho học sinh trung học về tác hại của ma túy."),
    ("Thư viện xã Thuỷ An", "Thư viện mở cửa cả ngày thứ bảy và chủ nhật."),
    (
        "Trung tâm học tập cộng đồng",
        "Trung tâm học tập cộng đồng phường Bến Nghé mở lớp tin học cho người cao tuổi.",
    ),
    ("Kỹ năng số cho người cao tuổi", "Hướng dẫn sử dụng điện thoại thông minh, Zalo và dịch vụ công trực tuyến."),
    ("Xóa mù chữ", "Chương trình xóa mù chữ và giáo dục sau biết chữ cho đồng bào dân tộc thiểu số."),
    ("Ngày Sách và Văn hóa đọc Việt Nam", "Hưởng ứng ngày 21 tháng 4 với hội sách và thi kể chuyện."),
    ("Học tập suốt đời trong doanh nghiệp", "Doanh nghiệp tạo điều kiện cho người lao động nâng cao tay nghề."),
    ("Điểm đọc sách khu phố", "Đội thanh niên tình nguyện đặt tủ sách tại điểm đọc."),
    ("Hợp tác quốc tế", "Trao đổi kinh nghiệm với các thành phố trong mạng lưới của UNESCO."),
]

TUAN_LE = CAMPAIGNS[0][0]
THANG_KHUYEN_HOC = CAMPAIGNS[1][0]

# (query, expectation, titles). "top": the first result is titles[0]; "all": every title is among
# the results; "none": no title is among the results; "typo": Elasticsearch finds titles[0], the
# database proposes the right spelling instead ("did you mean").
CASES = [
    # Typed with accents
    ("Khuyến học, khuyến tài", "top", ["Khuyến học, khuyến tài"]),
    ("đơn vị học tập", "top", ["Đơn vị học tập"]),
    ("gia đình học tập", "top", ["Gia đình học tập"]),
    ("Công dân học tập", "top", ["Công dân học tập"]),
    ("trung tâm học tập cộng đồng", "top", ["Trung tâm học tập cộng đồng"]),
    # Typed without accents
    ("khuyen hoc", "all", ["Khuyến học, khuyến tài", THANG_KHUYEN_HOC]),
    ("don vi hoc tap", "top", ["Đơn vị học tập"]),
    ("gia dinh hoc tap", "top", ["Gia đình học tập"]),
    ("cong dan hoc tap", "top", ["Công dân học tập"]),
    ("tuan le hoc tap suot doi", "top", [TUAN_LE]),
    ("xoa mu chu", "top", ["Xóa mù chữ"]),
    ("ky nang so", "top", ["Kỹ năng số cho người cao tuổi"]),
    ("nguoi cao tuoi", "all", ["Kỹ năng số cho người cao tuổi", "Trung tâm học tập cộng đồng"]),
    ("KHUYEN HOC", "all", ["Khuyến học, khuyến tài", THANG_KHUYEN_HOC]),
    # đ
    ("diem doc sach", "top", ["Điểm đọc sách khu phố"]),
    ("Đọc sách", "all", ["Điểm đọc sách khu phố", "Ngày Sách và Văn hóa đọc Việt Nam"]),
    ("dong bao dan toc", "top", ["Xóa mù chữ"]),
    ("đoi thanh nien", "top", ["Điểm đọc sách khu phố"]),
    # Old and new tone placement
    ("hoà nhập", "all", ["Hòa nhập cộng đồng cho người khuyết tật", "Giáo dục hoà nhập"]),
    ("hòa nhập", "all", ["Hòa nhập cộng đồng cho người khuyết tật", "Giáo dục hoà nhập"]),
    ("Thủy An", "top", ["Thư viện xã Thuỷ An"]),
    ("xoá mù chữ", "top", ["Xóa mù chữ"]),
    ("văn hoá đọc", "top", ["Ngày Sách và Văn hóa đọc Việt Nam"]),
    # The right accents rank first
    ("mà", "top", ["Học mà chơi, chơi mà học"]),
    ("má", "top", ["Má tôi đi học buổi tối"]),
    ("mã số học viên", "top", ["Mã số học viên"]),
    ("ma túy", "top", ["Phòng chống ma túy học đường"]),
    ("ma", "top", ["Phòng chống ma túy học đường"]),
    # Several words, from the body
    ("học bổng học sinh nghèo", "top", ["Khuyến học, khuyến tài"]),
    ("dien thoai thong minh zalo", "top", ["Kỹ năng số cho người cao tuổi"]),
    ("doanh nghiep hoc tap", "top", ["Học tập suốt đời trong doanh nghiệp"]),
    ("hoc tap", "none", ["Hợp tác quốc tế"]),
    # Typos
    ("khuyeen hoc", "typo", [THANG_KHUYEN_HOC, "khuyến học"]),
    ("tuan le hoc tap suot doii", "typo", [TUAN_LE, "tuần lễ học tập suốt đời"]),
    ("gia dinhh hoc tap", "typo", ["Gia đình học tập", "gia đình học tập"]),
]


def build(home_page, campaign_index):
    pages = {}
    for title, year, start in CAMPAIGNS:
        pages[title] = CampaignPageFactory(
            parent=campaign_index, title=title, year=year, start_date=start, end_date=start + datetime.timedelta(7)
        )
    for title, body in PAGES:
        pages[title] = standard(home_page, title, body)
    return pages
