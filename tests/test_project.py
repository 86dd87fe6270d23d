"""Project-wide guarantees: demo content, migrations, lint, deploy checks, admin views."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, get_page_models

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _database_snapshot():
    """Row counts of every model, and every page's latest revision: what a rerun must not change."""
    counts = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    revisions = dict(Page.objects.values_list("pk", "latest_revision_id"))
    return counts, revisions


@pytest.mark.django_db
def test_seed_demo_builds_the_site_in_both_languages_and_is_idempotent(client):
    call_command("seed_demo", stdout=StringIO())
    first = _database_snapshot()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    second = _database_snapshot()
    changed_counts = {k: (v, second[0][k]) for k, v in first[0].items() if second[0][k] != v}
    changed_pages = {
        str(Page.objects.get(pk=pk)): (rev, second[1].get(pk)) for pk, rev in first[1].items() if second[1][pk] != rev
    }
    assert not changed_counts, f"a second run changed row counts: {changed_counts}"
    assert not changed_pages, f"a second run republished pages: {changed_pages}"
    assert "hoctapsuotdoi" in out.getvalue()  # the admin login is printed

    home = client.get("/")
    assert home.status_code == 200
    assert "Học tập suốt đời" in home.content.decode()

    # Every page type renders in Vietnamese and in English.
    failures = []
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        for language in ("vi", "en"):
            page = model.objects.live().filter(locale__language_code=language).first()
            if page is None:
                failures.append(f"{model.__name__}: no {language} page in the demo")
                continue
            response = client.get(page.url)
            if response.status_code != 200 or f'<html lang="{language}">' not in response.content.decode():
                failures.append(f"{model.__name__} ({language}) {page.url}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_admin_add_and_edit_views_load_for_every_page_type(client):
    call_command("seed_demo", "--no-index", stdout=StringIO())
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    failures = []
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        instance = model.objects.first()
        if instance is None:
            failures.append(f"{label}: seed_demo creates no page of this type")
            continue
        edit = client.get(f"/admin/pages/{instance.pk}/edit/")
        if edit.status_code != 200:
            failures.append(f"{label}: edit view answered {edit.status_code}")
        if not model.is_creatable:
            continue
        parent = instance.get_parent()
        if model.can_create_at(parent):
            add_url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
            add = client.get(add_url)
            # 200, or a redirect when a max_count rule already forbids another one.
            if add.status_code not in (200, 302):
                failures.append(f"{label}: add view answered {add.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_migrations_are_in_step_with_models():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_ruff_is_clean():
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([BIN / "ruff", *args], cwd=REPO, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _subprocess_env():
    # The browser tests' async-unsafe allowance must not leak into a production check.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_production_settings_pass_the_deploy_check():
    env = {
        **_subprocess_env(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 64 + "-deploy-check-only",
        "ALLOWED_HOSTS": "hoctap.example.vn",
        "PUBLIC_BASE_URL": "https://hoctap.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("PUBLIC_BASE_URL", "PUBLIC_BASE_URL (e.g. https://hoctap.example.vn) must"),
    ],
)
def test_production_settings_refuse_to_start_without(missing, message):
    env = {
        **_subprocess_env(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 64,
        "PUBLIC_BASE_URL": "https://hoctap.example.vn",
        missing: "",
    }
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert message in result.stderr
