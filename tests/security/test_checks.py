"""The retired CLIENT_IP_HEADER is not silently ignored: a system check says what replaced it."""

from cms.security.checks import client_ip_header_is_gone


def test_a_leftover_client_ip_header_is_reported(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    (warning,) = client_ip_header_is_gone(None)
    assert warning.id == "cms.W003"
    assert "TRUSTED_PROXIES" in warning.hint


def test_no_warning_without_it(settings):
    settings.CLIENT_IP_HEADER = ""
    assert client_ip_header_is_gone(None) == []
    settings.CLIENT_IP_HEADER = "REMOTE_ADDR"
    assert client_ip_header_is_gone(None) == []
