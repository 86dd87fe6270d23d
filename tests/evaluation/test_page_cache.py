"""The page cache and the evaluation: the public page is kept like any page, with a CSRF token of
each visitor's own; the start and resend forms, the private link and the verification of
certificates are never kept, so a change shows at once and no one gets another person's page."""

import re

import pytest
from django.test import Client

from evaluation import services
from evaluation.models import Assessment
from network.models import LearningTitle
from tests.factories.evaluation import PeriodFactory, start

PAGE = "/danh-gia/"


def get(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response


def csrf_value(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def open_page(evaluation_page, period):
    return evaluation_page


def test_the_public_page_is_kept_and_each_visitor_gets_a_token_of_their_own(open_page, ward):
    first = get(PAGE)
    visitor = Client(enforce_csrf_checks=True)
    second = get(PAGE, visitor)
    assert second["X-Page-Cache"] == "hit"
    assert csrf_value(first) != csrf_value(second)
    assert second["Cache-Control"] == "private, no-store" and not second.has_header("ETag")
    # The token of the kept page is this visitor's: their form is accepted.
    response = visitor.post(
        PAGE + "gui-lai-lien-ket/", {"email": "mai@example.org", "csrfmiddlewaretoken": csrf_value(second)}
    )
    assert response.status_code == 200


def test_opening_a_title_shows_on_the_kept_page_at_once(open_page):
    get(PAGE)
    assert get(PAGE)["X-Page-Cache"] == "hit"
    assert "/danh-gia/gia-dinh-hoc-tap/" not in get(PAGE).content.decode()
    PeriodFactory(title=LearningTitle.LEARNING_FAMILY)
    response = get(PAGE)
    assert response["X-Page-Cache"] == "miss"
    assert "/danh-gia/gia-dinh-hoc-tap/" in response.content.decode()


@pytest.mark.parametrize("path", ["cong-dan-hoc-tap/", "gui-lai-lien-ket/"])
def test_the_forms_are_never_kept(open_page, path):
    for _ in range(2):
        response = get(PAGE + path)
        assert response["X-Page-Cache"] == "bypass"
        assert "no-store" in response["Cache-Control"]


def test_a_private_link_is_never_kept_and_a_deleted_draft_is_gone_at_once(period, ward):
    assessment = start(period, ward, name="Trần Thị Lan")
    url = f"/danh-gia/ho-so/{assessment.token}/"
    for _ in range(2):
        response = get(url)
        assert "Trần Thị Lan" in response.content.decode()
        assert response.get("X-Page-Cache") != "hit"
        assert "no-store" in response["Cache-Control"]
    services.delete_draft(assessment)
    assert not Assessment.objects.exists()
    assert Client().get(url).status_code == 404
