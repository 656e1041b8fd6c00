"""The Redis cache backend, tolerant of the server being away."""

from django_redis.cache import RedisCache, omit_exception


class OutageTolerantRedisCache(RedisCache):
    """django-redis with IGNORE_EXCEPTIONS turns an unreachable server into misses. One call
    needs another answer: `add` reports success while the server is away, as if the key were
    new, because code that takes a lock with `add` (allauth's rate limits) would otherwise wait
    for a lock it can never get and then refuse every sign-in. Nothing is stored, so the lock
    protects nothing during the outage, which is what an accelerator's outage means."""

    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)
