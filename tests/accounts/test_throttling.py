"""Sign-in throttling (django-axes): repeated wrong passwords lock the sign-in; an administrator unlocks it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from .conftest import add_authenticator, code, enter_code, sign_in

pytestmark = pytest.mark.django_db


def _fail(client, username, times, **extra):
    return [sign_in(client, username, password="sai-mat-khau-roi", **extra).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_the_sign_in_even_for_the_right_one(client, editor, settings):
    assert _fail(client, "bientap", 4) == [200] * 4
    assert _fail(client, "bientap", 1) == [429]
    locked = sign_in(client, "bientap")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "bị khóa" in html and "30 phút" in html
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_that_address_only(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _fail(client, "bientap", 5, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert sign_in(client, "bientap", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # A forged address written in front does not get around it ...
    assert sign_in(client, "bientap", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5").status_code == 429
    # ... while the editor's colleague in another office signs in.
    assert sign_in(client, "bientap", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


def test_the_command_unlocks_a_sign_in(client, editor):
    _fail(client, "bientap", 5)
    call_command("axes_reset_username", "bientap", stdout=StringIO())
    assert sign_in(client, "bientap").status_code == 302


def test_a_superuser_sees_locked_sign_ins_in_the_admin_and_unlocks_them(client, editor, superuser):
    _fail(client, "bientap", 5)
    device = add_authenticator(superuser)
    sign_in(client, "quantri")
    enter_code(client, code(device))
    url = reverse("accounts_locked_sign_ins")
    html = client.get(url).content.decode()
    assert "bientap" in html
    assert client.post(url, {"username": "bientap"}).status_code == 302
    assert "<td>bientap</td>" not in client.get(url).content.decode()
    client.logout()
    assert sign_in(client, "bientap").status_code == 302


def test_only_superusers_see_the_locked_sign_ins(client, editor):
    sign_in(client, "bientap")
    refused = client.get(reverse("accounts_locked_sign_ins"))
    assert refused.status_code == 302 and refused["Location"] == "/admin/", "Wagtail's answer to a refusal"
