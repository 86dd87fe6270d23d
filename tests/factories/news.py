import datetime

import factory

from news.models import NewsIndexPage, NewsPage
from tests.factories.home import PageFactory


class NewsIndexPageFactory(PageFactory):
    title = "Tin tức"
    slug = "tin-tuc"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Tin khuyến học {n}")
    date = datetime.date(2023, 9, 5)
    category = "announcement"
    summary = "Hội Khuyến học thành phố tổ chức lễ phát động."

    class Meta:
        model = NewsPage
