"""Measure pages in this process, through the whole middleware stack, with Django's test client.

CPU time is the process's own (time.process_time), so other load on the machine does not
count; the database server's work is not in it, which is why the wall-clock time and the
number of queries sit next to it.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from portal.core.cache import forget_page_response
from portal.core.languages import split_language_prefix

from .families import Row

# As the proxy in front of the portal sends them (TLS ends there), and as every browser asks.
CLIENT_HEADERS = {
    "HTTP_HOST": "127.0.0.1",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_FOR": "127.0.0.1",
    "HTTP_ACCEPT_ENCODING": "gzip",
}


def empty_cache() -> None:
    """Drop every key of this portal's cache (its key prefix), and nothing else on the server
    (a cache in this process, as tests without Redis have, is simply emptied)."""
    delete_pattern = getattr(cache, "delete_pattern", None)
    if delete_pattern is None:
        cache.clear()
    else:
        delete_pattern("*")


def drop_page_copy(path: str) -> None:
    """Drop the shared copy of the page at `path` and nothing else."""
    request = RequestFactory(**CLIENT_HEADERS).get(path)
    forget_page_response(request, split_language_prefix(request.path_info)[0])


def _get(client: Client, row: Row):
    """One request as the row asks for it: returns (CPU ms, wall ms, status, body bytes)."""
    if row.clears_cache:
        empty_cache()
    elif row.drops_page_copy:
        drop_page_copy(row.path)
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    response = client.get(row.path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    cpu = (time.process_time() - started_cpu) * 1000
    wall = (time.perf_counter() - started_wall) * 1000
    return cpu, wall, response.status_code, len(body)


def measure_row(row: Row, *, runs: int, warmups: int) -> dict:
    """Median CPU and wall milliseconds over `runs` requests after `warmups`, then the
    queries of one more request (counted apart, so counting costs no timed request)."""
    client = Client(**CLIENT_HEADERS)
    if row.email:
        client.force_login(get_user_model().objects.get(email=row.email))
    result = {"family": row.family, "label": row.label, "path": row.path, "persona": row.persona}
    try:
        for _ in range(warmups):
            _get(client, row)
        timings = [_get(client, row) for _ in range(runs)]
        with CaptureQueriesContext(connection) as queries:
            _cpu, _wall, status, size = _get(client, row)
    except Exception as error:  # noqa: BLE001 - a crash is reported in its row, the rest go on
        result["error"] = f"{type(error).__name__}: {error}"[:200]
        return result
    result.update(
        cpu_ms=statistics.median(cpu for cpu, *_ in timings),
        wall_ms=statistics.median(wall for _cpu, wall, *_ in timings),
        queries=len(queries),
        status=status,
        bytes=size,
    )
    return result
