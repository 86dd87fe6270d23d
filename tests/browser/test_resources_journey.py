import re

from playwright.sync_api import expect

from resources.services import download_count
from tests.factories.resources import (
    LibraryPageFactory,
    ResourceCollectionFactory,
    ResourcePageFactory,
    audience,
    topic,
)


def test_find_a_resource_for_older_people_and_download_it(page, assert_accessible, home_page):
    library = LibraryPageFactory(parent=home_page, show_in_menus=True)
    handbook = ResourcePageFactory(
        parent=library,
        title="Sổ tay điện thoại thông minh",
        topics=[topic("ky-nang-so")],
        audiences=[audience("nguoi-cao-tuoi")],
    )
    ResourcePageFactory(parent=library, title="Bé tập đọc", audiences=[audience("tre-em")])
    ResourceCollectionFactory(title="Kỹ năng số cho mọi người", resources=[handbook])

    page.goto(library.url)
    expect(page.locator("h1")).to_have_text("Kho học liệu mở")
    expect(page.get_by_role("heading", name="2 học liệu")).to_be_visible()
    assert_accessible(page)

    # On a phone the filters are folded: open them, choose the audience, apply.
    page.get_by_text("Lọc học liệu").click()
    page.get_by_role("group", name="Đối tượng").get_by_label(re.compile("Người cao tuổi")).check()
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    expect(page).to_have_url(re.compile(r"/kho-hoc-lieu/\?audience=nguoi-cao-tuoi$"))
    expect(page.get_by_role("heading", name="1 học liệu")).to_be_visible()
    expect(page.get_by_role("link", name="Bé tập đọc")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Sổ tay điện thoại thông minh").click()
    expect(page.locator("h1")).to_have_text("Sổ tay điện thoại thông minh")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Tải về")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert download_count(handbook) == 1
