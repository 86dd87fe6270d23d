"""Admin sign-in: a second factor for everyone who wants it, required for those who see personal data."""

import base64
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp.oath import totp

from accounts import services

from .conftest import add_authenticator, code, enter_code, sign_in

pytestmark = pytest.mark.django_db


def test_a_superuser_signs_in_with_password_and_the_authenticator_code(client, superuser):
    device = add_authenticator(superuser)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    step = sign_in(client, "quantri")
    assert step.status_code == 200
    assert 'name="token-otp_token"' in step.content.decode()
    assert client.get("/admin/").status_code == 302, "the password alone does not open the admin"

    done = enter_code(client, code(device))
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_keeps_the_door_shut(client, superuser):
    device = add_authenticator(superuser)
    sign_in(client, "quantri")
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 200
    assert 'name="token-otp_token"' in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("who", ["superuser", "manager"])
def test_who_sees_personal_data_must_set_up_a_second_factor_first(client, who, request):
    user = request.getfixturevalue(who)
    response = sign_in(client, user.username)
    assert response.status_code == 302
    for url in ["/admin/", reverse("events_admin:events"), "/admin/pages/", "/django-admin/"]:
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked["Location"] == reverse("two_factor:setup"), url
    assert client.get(reverse("two_factor:setup")).status_code == 200


def test_an_editor_may_use_a_password_alone_and_add_a_second_factor_at_will(client, editor):
    sign_in(client, "bientap")
    assert client.get("/admin/").status_code == 200
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("two_factor:profile") in account
    assert client.get(reverse("two_factor:setup")).status_code == 200


def test_an_editor_who_added_a_second_factor_is_asked_for_it(client, editor):
    device = add_authenticator(editor)
    assert sign_in(client, "bientap").status_code == 200
    assert enter_code(client, code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_requirement_follows_a_group_permission_that_any_group_can_be_given(client, editor):
    assert not services.must_use_two_factor(editor)
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="require_two_factor")
    )
    editor.groups.add(reviewers)
    editor = type(editor).objects.get(pk=editor.pk)
    assert services.must_use_two_factor(editor)
    event_managers = Group.objects.get(name="Event managers")
    assert event_managers.permissions.filter(codename="require_two_factor").exists()


def test_a_password_only_session_of_someone_with_a_second_factor_is_ended(client, superuser):
    add_authenticator(superuser)
    client.force_login(superuser)  # as the Django admin's own login view would
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_other_ways_in_lead_to_the_two_factor_sign_in(client):
    assert client.get("/django-admin/login/?next=/django-admin/")["Location"] == ("/admin/login/?next=/django-admin/")
    assert client.get(reverse("two_factor:login"))["Location"] == "/admin/login/"


def _secret_on(page):
    return re.search(r'href="otpauth://[^"]+"><code>([A-Z2-7]+)</code></a>', page.content.decode()).group(1)


def test_first_sign_in_sets_up_the_authenticator_then_opens_the_admin(client, superuser):
    sign_in(client, "quantri")
    setup = reverse("two_factor:setup")
    welcome = client.get(setup)
    assert "xác minh hai lớp" in welcome.content.decode().lower()
    generator = client.post(setup, {"setup_view-current_step": "welcome"})
    secret = _secret_on(generator)
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    done = client.post(setup, {"setup_view-current_step": "generator", "generator-token": f"{totp(key):06d}"})
    assert done.status_code == 302 and done["Location"] == reverse("two_factor:setup_complete")
    assert services.has_second_factor(superuser)
    assert client.get("/admin/").status_code == 200, "verified by the code just entered"
