import os

import pytest

from portal.settings.base import redis_cache

from .services import RedisServer

REQUIRE_REDIS_SERVER = os.environ.get("PORTAL_REQUIRE_REDIS_SERVER") == "1"


@pytest.fixture
def redis_server():
    """A Redis server of the test's own, started and killed by it."""
    if RedisServer.binary is None:
        if REQUIRE_REDIS_SERVER:
            pytest.fail("PORTAL_REQUIRE_REDIS_SERVER=1 but redis-server is not installed")
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.kill()


@pytest.fixture
def cache_server(redis_server, settings):
    """The portal's cache on that server, configured as in production."""
    settings.CACHES = {"default": redis_cache(redis_server.url, key_prefix="faults")}
    return redis_server
