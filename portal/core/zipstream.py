"""A ZIP archive written while it is sent: no member is ever held whole in memory."""

import io
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator

CHUNK_BYTES = 64 * 1024
# Already compressed: deflating them again costs time and saves nothing.
STORED_EXTENSIONS = {
    "png",
    "jpg",
    "jpeg",
    "webp",
    "gif",
    "zip",
    "docx",
    "pptx",
    "xlsx",
    "odt",
    "odp",
    "mp4",
    "webm",
    "woff",
    "woff2",
    "pdf",
}


class _Outbox(io.RawIOBase):
    """A write-only stream the archive writes into and the response drains."""

    def __init__(self):
        self._chunks: list[bytes] = []
        self._position = 0

    def writable(self):
        return True

    def write(self, data):
        self._chunks.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self):
        return self._position

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def zip_stream(members: Iterable[tuple[str, Callable]]) -> Iterator[bytes]:
    """Bytes of a ZIP holding each (name, open_member) pair; `open_member()` returns a binary
    file object, opened only when its turn comes."""
    outbox = _Outbox()
    with zipfile.ZipFile(outbox, mode="w") as archive:
        for name, open_member in members:
            info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
            extension = name.rsplit(".", 1)[-1].lower()
            info.compress_type = (
                zipfile.ZIP_STORED if extension in STORED_EXTENSIONS else zipfile.ZIP_DEFLATED
            )
            with open_member() as source, archive.open(info, mode="w") as target:
                while block := source.read(CHUNK_BYTES):
                    target.write(block)
                    if chunk := outbox.drain():
                        yield chunk
            if chunk := outbox.drain():
                yield chunk
    yield outbox.drain()
