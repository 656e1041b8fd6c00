"""The content version is read once per request, and again only after the request changes it;
outside a request it is read each time."""

import pytest
from django.core.cache import cache

from portal.core.versions import (
    CONTENT_VERSION_KEY,
    content_changed,
    content_version,
    read_once_per_request,
)

pytestmark = pytest.mark.django_db


def test_a_request_reads_the_version_once_and_again_after_changing_it():
    before = content_version()
    with read_once_per_request():
        assert content_version() == before
        cache.set(CONTENT_VERSION_KEY, before + 10, timeout=None)  # another process publishes
        assert content_version() == before  # this request keeps what it read
        content_changed()  # this request publishes
        assert content_version() == before + 11
    assert content_version() == before + 11


def test_outside_a_request_the_version_is_read_each_time():
    before = content_version()
    cache.set(CONTENT_VERSION_KEY, before + 5, timeout=None)
    assert content_version() == before + 5


def test_each_request_reads_the_version_afresh():
    with read_once_per_request():
        first = content_version()
    cache.set(CONTENT_VERSION_KEY, first + 3, timeout=None)
    with read_once_per_request():
        assert content_version() == first + 3
