"""The visitor's address behind reverse proxies: what our proxies wrote, never what the client wrote."""

import pytest
from django.test import RequestFactory

from portal.http import client_ip


def address(settings, forwarded=None, proxies=1, remote="10.0.0.2"):
    settings.TRUSTED_PROXY_COUNT = proxies
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_proxies_the_connection_address_counts_and_the_header_is_ignored(settings):
    assert address(settings, "203.0.113.9", proxies=0) == "10.0.0.2"


def test_behind_one_proxy_the_address_it_appended_counts_not_the_one_the_client_wrote(settings):
    assert address(settings, "203.0.113.5") == "203.0.113.5"
    assert address(settings, "1.2.3.4, 203.0.113.5") == "203.0.113.5"
    assert address(settings, "1.2.3.4,5.6.7.8,  203.0.113.5 ") == "203.0.113.5"


def test_behind_a_cdn_and_nginx_the_second_from_the_right_counts(settings):
    assert address(settings, "1.2.3.4, 203.0.113.5, 198.51.100.20", proxies=2) == "203.0.113.5"
    assert address(settings, "2001:db8::7, 198.51.100.20", proxies=2) == "2001:db8::7"


@pytest.mark.parametrize("forwarded", [None, "", "198.51.100.20", "not-an-address, 198.51.100.20"])
def test_a_request_that_did_not_pass_every_proxy_falls_back_to_the_connection(settings, forwarded):
    assert address(settings, forwarded, proxies=2) == "10.0.0.2"


def test_another_header_can_be_named(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="203.0.113.5")
    assert client_ip(request) == "203.0.113.5"
