"""Helpers shared by the test suite."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


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
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", size, "#003399").save(buffer, format="PNG")
        content = buffer.getvalue()
    return SimpleUploadedFile(name, content, content_type="image/png")


def all_at_once(action, people) -> list[Exception]:
    """Run `action(person)` in one thread per person, released together by a barrier; return
    the errors the threads raised."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(people))
    errors = []

    def run(person):
        try:
            barrier.wait()
            action(person)
        except Exception as error:  # surfaced to the test, which asserts there were none
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
