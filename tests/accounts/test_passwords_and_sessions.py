"""Password rules and the lifetime of an admin session."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.middleware import SIGNED_IN_AT

from .conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["ngan-qua-11", "123456789012", "qwerty123456", "password1234", "bientap-12345"])
def test_weak_passwords_are_refused(password, editor):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_long_uncommon_password_is_accepted(editor):
    validate_password("Hoc tap suot doi o phuong 7", user=editor)


def test_an_idle_session_expires_and_closing_the_browser_ends_it():
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST, "each request pushes the idle limit back"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_an_admin_session_ends_hours_after_signing_in_however_active(client, editor):
    sign_in(client, "bientap")
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 11 * 3600
    session.save()
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
