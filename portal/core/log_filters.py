"""Logging filters for messages that would otherwise repeat on every request."""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Pass one record per `seconds` (in each process), as a warning: while the cache server
    is down every cache call fails, and one line a minute says so as well as thousands."""

    def __init__(self, seconds: float = 60, message: str = ""):
        super().__init__()
        self.seconds = seconds
        self.message = message
        self._last = float("-inf")
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.seconds:
                return False
            self._last = now
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        if self.message:
            cause = record.exc_info[1] if record.exc_info else None
            record.msg = f"{self.message}: {cause}" if cause else self.message
            record.args, record.exc_info, record.exc_text = (), None, None
        return True
