"""Security headers on every kind of page: the public site's CSP allows no inline script."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, get_page_models

from events.models import Registration

pytestmark = pytest.mark.django_db

PERMISSIONS = ("camera=()", "microphone=()", "geolocation=()", "payment=()")


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_public_headers(response, where):
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"][0] == "'self'", where
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], where
    assert "'unsafe-inline'" not in policy["style-src"], where
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], where
    assert policy["frame-ancestors"] == ["'self'"] and policy["form-action"] == ["'self'"], where
    assert all(feature in response["Permissions-Policy"] for feature in PERMISSIONS), where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"], where


def test_every_page_type_and_public_view_sends_the_security_headers(client):
    call_command("seed_demo", "--no-index", stdout=StringIO())
    checked = 0
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        for page in model.objects.live()[:1]:
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            assert_public_headers(response, f"{model.__name__} {page.url}")
            checked += 1
    assert checked >= 10
    registration = Registration.objects.filter(anonymised_at__isnull=True).first()
    others = [
        reverse("search") + "?q=khuyen+hoc",
        "/khong-co-trang-nay/",
        "/robots.txt",
        "/api/resources/",
        reverse("events:manage", kwargs={"token": registration.token}),
        reverse("events:manage_current"),
    ]
    for url in others:
        assert_public_headers(client.get(url, follow=True), url)


def test_the_admin_enforces_a_policy_against_other_sites_and_reports_inline_scripts(client):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.org", "mat-khau-du-dai-2024")
    for url in ["/admin/login/", "/django-admin/"]:
        response = client.get(url, follow=True)
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert "https:" not in policy["script-src"], "no script from another site"
        report_only = directives(response["Content-Security-Policy-Report-Only"])
        assert report_only["script-src"] == ["'self'"]
    client.force_login(admin)
    response = client.get("/admin/")
    assert "'unsafe-inline'" in directives(response["Content-Security-Policy"])["script-src"]


def test_the_error_page_keeps_its_inline_styles_and_nothing_else(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))
    # The middleware adds the header; the view asks only for inline styles.
    assert response._csp_update == {"style-src": "'unsafe-inline'"}
