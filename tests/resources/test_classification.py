"""A resource's topics and audiences, read by prepared queries for its page and its metadata, or from the
page object when it holds the editor's unsaved choice."""

import pytest

from resources.models import Audience, ResourcePage, Topic
from resources.services import classification
from tests.factories.resources import ResourcePageFactory

pytestmark = pytest.mark.django_db


def test_the_terms_come_in_their_order_as_the_orm_gives_them(library):
    topics = list(Topic.objects.order_by("-sort_order")[:3])
    audiences = list(Audience.objects.all()[:2])
    Topic.objects.filter(pk=topics[0].pk).update(sort_order=0)
    page = ResourcePage.objects.get(pk=ResourcePageFactory(parent=library, topics=topics, audiences=audiences).pk)
    found_topics, found_audiences = classification(page)
    assert len(found_topics) == 3 and len(found_audiences) == 2
    assert found_topics == list(page.topics.all()) and found_audiences == list(page.audiences.all())
    assert [t.label() for t in found_topics] == [t.label() for t in page.topics.all()]
    assert [(a.slug, a.name_en) for a in found_audiences] == [(a.slug, a.name_en) for a in page.audiences.all()]
    bare = ResourcePage.objects.get(pk=ResourcePageFactory(parent=library).pk)
    assert classification(bare) == ([], [])


def test_the_page_links_its_terms_to_the_filtered_library(client, library):
    page = ResourcePageFactory(parent=library, topics=list(Topic.objects.all()[:2]))
    html = client.get(page.url).content.decode()
    for term in page.topics.all():
        assert f'<a href="{library.url}?topic={term.slug}">{term.name}</a>' in html


def test_a_preview_shows_the_editors_choice_of_terms(library):
    first, second = list(Topic.objects.order_by("sort_order", "name")[:2])
    page = ResourcePageFactory(parent=library, topics=[first])
    page.topics = [second]  # chosen in the editor, not saved yet
    html = page.make_preview_request().render().content.decode()
    assert f"?topic={second.slug}" in html
    assert f"?topic={first.slug}" not in html
