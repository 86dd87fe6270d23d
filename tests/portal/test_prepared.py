"""Prepared queries: composed once per process, they return what the queryset returns for every
argument, on SQLite and on PostgreSQL, and refuse at once a query they cannot prepare."""

import threading
from datetime import date, datetime
from unittest import mock

import pytest
from django.db import connection, connections
from django.db.models import Q
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from campaigns.models import CampaignPage
from network.models import Organisation
from portal.prepared import PreparedQuery
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db


def below(path, depth, slug):
    return Page.objects.filter(path__startswith=path, depth=depth, slug=slug).select_related("locale")


@pytest.fixture
def pages(home_page):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu")
    return {
        "about": about,
        "plan": StandardPageFactory(parent=about, title="Kế hoạch", slug="ke-hoach"),
        "underscored": StandardPageFactory(parent=about, title="Kế hoạch cũ", slug="ke_hoach"),
        "elsewhere": StandardPageFactory(parent=home_page, title="Kế hoạch khác", slug="ke-hoach-khac"),
    }


def test_it_returns_what_the_queryset_returns_for_every_argument(pages):
    prepared = PreparedQuery(below)
    about, plan = pages["about"], pages["plan"]
    for args in [
        (about.path, about.depth + 1, "ke-hoach"),
        (about.path, about.depth + 1, "khong-co"),
        (pages["elsewhere"].path[: -Page.steplen], about.depth, "ke-hoach-khac"),
        (about.path, about.depth + 1, "ke_hoach"),
    ]:
        assert prepared(*args) == list(below(*args))
    [found] = prepared(about.path, about.depth + 1, "ke-hoach")
    assert found.pk == plan.pk and found.locale.language_code == "vi"


def test_text_with_like_wildcards_is_matched_literally(pages):
    prepared = PreparedQuery(lambda prefix: Page.objects.filter(slug__startswith=prefix).order_by("slug"))
    prepared("ke-")
    # "_" matches any one character in LIKE: Django escapes it, and so must the prepared query.
    assert [page.slug for page in prepared("ke_")] == ["ke_hoach"]
    assert [page.slug for page in prepared("ke-")] == ["ke-hoach", "ke-hoach-khac"]


def test_a_prepared_query_is_composed_once(pages):
    prepared = PreparedQuery(lambda pk: Page.objects.filter(pk=pk))
    prepared(pages["about"].pk)
    composed_again = mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("composed again"))
    with composed_again, CaptureQueriesContext(connection) as queries:
        assert prepared(pages["plan"].pk) == [pages["plan"].page_ptr]
    assert len(queries) == 1


def test_an_argument_used_twice_and_a_uuid_reach_their_places(pages):
    def versions(key, pk):
        # The page itself, then its other live versions: each argument twice.
        return (
            Page.objects.filter(Q(translation_key=key, pk=pk) | Q(translation_key=key, live=True) & ~Q(pk=pk))
            .order_by("depth", "pk")
            .values_list("pk", flat=True)
        )

    plan, about = pages["plan"], pages["about"]
    prepared = PreparedQuery(versions)
    assert prepared(plan.translation_key, plan.pk) == [plan.pk]
    english = plan.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    assert (
        prepared(plan.translation_key, plan.pk)
        == list(versions(plan.translation_key, plan.pk))
        == [
            plan.pk,
            english.pk,
        ]
    )
    # Its parent was copied into English with it.
    assert prepared(about.translation_key, about.pk) == list(versions(about.translation_key, about.pk))
    assert len(prepared(about.translation_key, about.pk)) == 2


def test_annotations_and_related_objects_come_with_the_rows(home_page):
    lead = OrganisationFactory(name="Sở Giáo dục và Đào tạo")
    OrganisationFactory(name="Hội Khuyến học")
    prepared = PreparedQuery(lambda name: Organisation.objects.filter(name=name).select_related("area"))
    [found] = prepared("Sở Giáo dục và Đào tạo")
    assert found == lead and found.area == lead.area
    assert prepared("Không có") == []


def test_a_small_integer_column_and_a_constant_equal_to_a_stand_in(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    for title, year in [("Tháng Khuyến học 2023", 2023), ("Tuần lễ học tập suốt đời 2024", 2024)]:
        CampaignPageFactory(
            parent=index, title=title, year=year, start_date=date(year, 10, 1), end_date=date(year, 10, 7)
        )
    prepared = PreparedQuery(
        lambda year: CampaignPage.objects.filter(year=year).exclude(depth=30_000).values_list("title", flat=True)
    )
    assert prepared(2024) == ["Tuần lễ học tập suốt đời 2024"]
    assert prepared(2023) == ["Tháng Khuyến học 2023"]


def test_values_come_as_python_values_on_every_call_and_in_every_thread(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(parent=index, year=2024, start_date=date(2024, 10, 1), end_date=date(2024, 10, 7))
    prepared = PreparedQuery(
        lambda pk: Page.objects.filter(pk=pk).values_list("live", "first_published_at", "campaignpage__start_date")
    )
    for _ in range(2):
        [(live, published, start)] = prepared(campaign.pk)
        assert live is True and isinstance(published, datetime) and published.tzinfo is not None
        assert start == date(2024, 10, 1)

    # Another thread has a connection of its own (it sees only what is committed: Wagtail's root).
    seen = []

    def in_a_thread():
        try:
            seen.extend(prepared(1))
        finally:
            connections.close_all()

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert seen == [(True, None, None)]


def test_a_query_that_cannot_be_prepared_is_refused_at_once(home_page, pages):
    with pytest.raises(ValueError, match="depends on its arguments"):
        PreparedQuery(lambda count: Page.objects.order_by("pk")[:count])(2)
    with pytest.raises(ValueError, match="does not reach its SQL"):
        PreparedQuery(lambda pk: Page.objects.filter(depth=2))(pages["about"].pk)
    with pytest.raises(ValueError, match="related manager"):
        PreparedQuery(lambda hostname: home_page.sites_rooted_here.filter(hostname=hostname))("localhost")
    with pytest.raises(TypeError, match="whole numbers, text and UUIDs"):
        PreparedQuery(lambda live: Page.objects.filter(live=live))(True)
