import datetime

import factory

from campaigns.models import (
    CampaignActivity,
    CampaignIndexPage,
    CampaignKind,
    CampaignPage,
    CampaignTarget,
    StoryIndexPage,
    StoryPage,
)
from tests.factories.home import PageFactory
from tests.factories.network import OrganisationFactory


def campaign_kind(slug="thang-khuyen-hoc"):
    """One of the kinds the migration creates."""
    return CampaignKind.objects.get(slug=slug)


class CampaignIndexPageFactory(PageFactory):
    title = "Chiến dịch"
    slug = "chien-dich"

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Tháng Khuyến học {n}")
    kind = factory.LazyFunction(campaign_kind)
    year = 2023
    theme = "Cả nước thi đua xây dựng xã hội học tập"
    start_date = datetime.date(2023, 9, 2)
    end_date = datetime.date(2023, 10, 2)

    class Meta:
        model = CampaignPage


class CampaignActivityFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Hoạt động {n}")
    description = "Tuyên truyền về khuyến học, khuyến tài."
    lead_organisation = factory.SubFactory(OrganisationFactory)
    timing = "Tháng 9/2023"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = CampaignActivity


class CampaignTargetFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    target_value = 60
    unit = "percent"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = CampaignTarget


class StoryIndexPageFactory(PageFactory):
    title = "Gương điển hình"
    slug = "guong-dien-hinh"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Gia đình học tập số {n}")
    subject_name = factory.Sequence(lambda n: f"Gia đình ông Nguyễn Văn {n}")
    earned_title = "learning_family"
    district = "Quận 8"
    ward = "Phường 5"
    summary = "Ba thế hệ cùng học tập suốt đời."

    class Meta:
        model = StoryPage
