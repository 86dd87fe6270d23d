from decimal import Decimal
from io import StringIO

import pytest
from wagtail.models import Revision

import campaigns.seed
import home.seed
import network.seed
import news.seed
from campaigns.models import CampaignPage, StoryPage
from news.models import NewsPage

pytestmark = pytest.mark.django_db


def run_seeds():
    for module in (home.seed, network.seed, campaigns.seed, news.seed):
        module.seed(StringIO())


def test_demo_content_matches_the_plans_and_a_second_run_changes_nothing(locales):
    run_seeds()
    hai_phong = CampaignPage.objects.get(slug="thang-khuyen-hoc-hai-phong-2023")
    assert (str(hai_phong.start_date), str(hai_phong.end_date)) == ("2023-09-02", "2023-10-02")
    assert hai_phong.activities.count() == 6
    assert hai_phong.targets.filter(target_value=Decimal("27.5"), unit="percent").exists()
    assert hai_phong.targets.filter(target_value=10, unit="number").exists()
    hcmc = CampaignPage.objects.get(slug="ke-hoach-phoi-hop-khuyen-hoc-tphcm-2023")
    assert [int(t.target_value) for t in hcmc.targets.all()] == [60, 55, 55, 60, 30, 50]
    assert CampaignPage.objects.filter(locale=locales["en"]).count() == 5
    assert StoryPage.objects.filter(locale=locales["vi"]).count() == 12
    assert NewsPage.objects.filter(locale=locales["vi"]).count() == 12
    english_story = StoryPage.objects.filter(locale=locales["en"], campaign__isnull=False).first()
    assert english_story.campaign.locale == locales["en"]
    plan_news = NewsPage.objects.get(slug="hai-phong-ban-hanh-ke-hoach-thang-khuyen-hoc-2023", locale=locales["vi"])
    assert plan_news.documents.get().document.file.name.endswith(".pdf")

    last = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    for module in (campaigns.seed, news.seed):
        module.seed(StringIO())
    assert [r.object_str for r in Revision.objects.filter(pk__gt=last)] == []
