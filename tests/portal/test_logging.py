"""Registrations' private links never reach a log."""

import logging

from django.conf import settings
from django.test import Client

from portal.logging import RedactPrivateLinks

TOKEN = "Zq3vJ8-kLm_2xYp9RtUw4sNb7cDe1FgHiJkLmNoPqRs"


def _record(message, *args):
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, message, args, None)


def test_a_token_in_a_path_is_replaced_whatever_the_message():
    for message, args in [
        ('"%s" %s %s', (f"GET /dang-ky/{TOKEN}/ HTTP/1.1", 302, 0)),
        ("Not Found: %s", (f"/en/dang-ky/{TOKEN}/",)),
        (f"POST /dang-ky/{TOKEN}/?x=1", ()),
    ]:
        record = _record(message, *args)
        assert RedactPrivateLinks().filter(record)
        assert TOKEN not in record.getMessage()
        assert "/dang-ky/[token]/" in record.getMessage()
    kept = _record('"GET /dang-ky/quan-ly/ HTTP/1.1" 200')
    RedactPrivateLinks().filter(kept)
    assert kept.getMessage() == '"GET /dang-ky/quan-ly/ HTTP/1.1" 200'


def test_every_handler_of_the_project_redacts(db, caplog):
    handlers = settings.LOGGING["handlers"]
    assert all("private_links" in handler.get("filters", []) for handler in handlers.values())
    console = next(h for h in logging.getLogger().handlers if any(isinstance(f, RedactPrivateLinks) for f in h.filters))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        Client().get(f"/dang-ky/{TOKEN}/")
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    console.filter(record)
    assert TOKEN not in console.format(record)
