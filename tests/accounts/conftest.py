import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "mat-khau-du-dai-2024"


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("quantri", "quantri@example.org", PASSWORD)


@pytest.fixture
def editor(db):
    """An editor: uses the admin, sees no personal data."""
    user = User.objects.create_user("bientap", "bientap@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def manager(db):
    user = User.objects.create_user("quanly", "quanly@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Event managers"))
    return user


def add_authenticator(user):
    # django-two-factor-auth signs in with the device it calls "default", as its set-up names it.
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def code(device, offset=0):
    """What the authenticator app shows now (offset in steps of 30 seconds)."""
    return f"{totp(device.bin_key, t0=device.t0 - offset * device.step, step=device.step):06d}"


def sign_in(client, username, password=PASSWORD, next_url="/admin/", **extra):
    """Step one of the sign-in: user name and password."""
    return client.post(
        f"/admin/login/?next={next_url}",
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
        **extra,
    )


def enter_code(client, token, next_url="/admin/"):
    return client.post(f"/admin/login/?next={next_url}", {"login_view-current_step": "token", "token-otp_token": token})
