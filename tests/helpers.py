"""Helpers shared by the test suite."""

import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor

from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image


def signed_in_client(user, **client_options) -> Client:
    """A test client with `user` signed in (no second factor asked)."""
    client = Client(**client_options)
    client.force_login(user)
    return client


def page_text(client, url) -> str:
    """The page at `url`, which must answer 200, as text."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# What asks the cache server something: one round trip each.
CACHE_CALLS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "incr",
    "delete",
    "delete_many",
    "touch",
)


def count_cache_calls(monkeypatch) -> list[tuple[str, str]]:
    """From now on, each call to the default cache, as (method, first argument), in order: a
    round trip each to a cache server. What the backend calls inside one of them is part of it
    (a memory cache's `get_many` asks `get` for each key)."""
    backend, calls, inside = caches["default"], [], []
    for name in CACHE_CALLS:
        method = getattr(backend, name)

        def counted(*args, _name=name, _method=method, **kwargs):
            if not inside:
                calls.append((_name, str(args[0]) if args else ""))
            inside.append(_name)
            try:
                return _method(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, counted)
    return calls


def count_queries(func, *args, **kwargs) -> tuple[int, object]:
    """Run `func` and return (number of SQL queries it made, its result)."""
    with CaptureQueriesContext(connection) as captured:
        result = func(*args, **kwargs)
    return len(captured.captured_queries), result


def query_log(func, *args, **kwargs) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        func(*args, **kwargs)
    return [query["sql"] for query in captured.captured_queries]


def png_upload(name: str = "photo.png", *, content: bytes | None = None, size=(64, 48)):
    """An uploaded PNG file (or, with `content`, a file of that name holding anything)."""

    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", size, "#003399").save(buffer, format="PNG")
        content = buffer.getvalue()
    return SimpleUploadedFile(name, content, content_type="image/png")


def all_at_once(action, people) -> list[BaseException]:
    """Run `action(person)` in one thread per person, released together by a barrier; return
    the errors the threads raised (each thread's own, surfaced to the test)."""
    barrier = threading.Barrier(len(people))

    def run(person):
        try:
            barrier.wait()
            action(person)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        futures = [pool.submit(run, person) for person in people]
    return [future.exception() for future in futures if future.exception() is not None]


_SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def submission_token_in(response) -> str:
    """The one-time submission token of the one form on a page."""
    found = _SUBMISSION_TOKEN.findall(response.content.decode())
    assert len(found) == 1, "the form carries exactly one submission token"
    return found[0]


# The budget for a signed-in person's own pages.
PERSONAL_PAGE_QUERY_BUDGET = 10


def queries_at_10_and_1000(
    client, url: str, grow, *, query=None, forget=None
) -> tuple[int, int, object]:
    """Queries for one request of `url` after `grow(10)` and again after `grow(1000)`, once
    the request before it has filled the caches a page keeps (what every later visitor
    finds); returns both counts and the second response. `grow(total)` brings the person's
    rows up to `total`. A page kept for each person (portal.core.cache.kept_for_person) is
    rendered again when `forget()`, called before the counted request, drops their copy."""
    counts = []
    for total in (10, 1000):
        grow(total)
        client.get(url, query)
        if forget is not None:
            forget()
        queries, response = count_queries(client.get, url, query)
        assert response.status_code == 200, response.status_code
        counts.append(queries)
    return counts[0], counts[1], response
