"""Benchmark: build a large data set, serve it with gunicorn, and measure the main pages.

    python bench/run.py --pages 1000 --seconds 8 --concurrency 8

Uses production settings (DEBUG off, whitenoise, page cache) with a SQLite file in var/ unless
BENCH_DATABASE_URL is set, and Redis at REDIS_URL (default: the local Redis). Every number is
printed next to a bare Django view measured in the same run, so results compare across machines.
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from joserfc.jwk import OKPKey

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
# The bare Django view's own process (bench/bare_site.py).
BARE_PORT = PORT + 1
HOST = "127.0.0.1"
# TLS ends at the proxy in production; the benchmark speaks for that proxy.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1", "Host": HOST}


def bench_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            # Production builds every absolute link from it and refuses to start without it.
            "SITE_BASE_URL": f"https://{HOST}",
            "DATABASE_URL": os.environ.get(
                "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
            ),
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "CACHE_KEY_PREFIX": "portal-bench",
            # Production refuses to start without credential signing keys: one for the run.
            "CREDENTIAL_SIGNING_KEYS": json.dumps(
                {"keys": [OKPKey.generate_key("Ed25519", private=True).as_dict(private=True)]}
            ),
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


SESSION_SCRIPT = """
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
user, _ = get_user_model().objects.get_or_create(email="bench@example.org")
EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True})
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(settings.SESSION_COOKIE_NAME + "=" + session.session_key)
"""


PDF_SCRIPT = """
import statistics, time
from academy.certificate_pdf import render_certificate_pdf
from academy.models import Certificate, CertificateTemplate
certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
template = CertificateTemplate.load()
timings = []
for _ in range(30):
    started = time.perf_counter()
    render_certificate_pdf(certificate=certificate, template=template, verify_url="https://x/v/")
    timings.append((time.perf_counter() - started) * 1000)
timings.sort()
print(certificate.get_absolute_url())
print(f"{statistics.median(timings):.1f} {timings[-1]:.1f}")
"""

# The GeoJSON feed built from scratch (no cache), and one event's page address.
GEOJSON_SCRIPT = """
import statistics, time
from campaigns.cooperation_day import selectors
from campaigns.cooperation_day.models import Event
edition = selectors.current_edition()
events = selectors.published_events(edition=edition, filters={})
timings = []
for _ in range(5):
    started = time.perf_counter()
    body = selectors.geojson_bytes(selectors.event_features(events, detail_url=str))
    timings.append((time.perf_counter() - started) * 1000)
timings.sort()
event = events.exclude(booking="sign_up").first()
print(f"/cooperation-day/events/{event.public_id}/")
print(f"{statistics.median(timings):.0f} {timings[-1]:.0f} {len(body) // 1024} {events.count()}")
"""

# The logo generator without its cache, and addresses of a public asset and a logo.
BRAND_SCRIPT = """
import statistics, time
from brand import logo
from brand.models import Asset
from portal.accounts.models import Programme
programme = Programme.objects.get(acronym="ALCOTRA")
spec = logo.LogoSpec(name=logo.programme_logo_name(programme.name), language="fr",
                     colour="full_colour", layout="horizontal")
timings = {"svg": [], "png": [], "pdf": []}
for _ in range(10):
    for file_format, make in (("svg", lambda: logo.logo_svg(spec)),
                              ("png", lambda: logo.logo_png(spec, width=1200)),
                              ("pdf", lambda: logo.logo_pdf(spec))):
        started = time.perf_counter()
        make()
        timings[file_format].append((time.perf_counter() - started) * 1000)
asset = Asset.objects.filter(kind="logo", access_level="public").first()
print(f"/brand/assets/{asset.pk}/")
print(f"programme={programme.slug}&language=fr&colour=full_colour&layout=horizontal&width=1200")
print(" ".join(f"{statistics.median(values):.1f}" for values in timings.values()))
"""

# The weekly digest of every bench member, built and rendered (not sent), and checked: each
# person's digest holds only notifications about spaces they may read.
DIGEST_SCRIPT = """
import statistics, time
from django.template.loader import render_to_string
from community import access
from portal.notifications.services import digests_build
timings, rendered = [], []
for _ in range(3):
    started = time.perf_counter()
    digests = digests_build(frequency="weekly")
    built = time.perf_counter()
    for user, items in digests:
        render_to_string("notifications/email/digest_message.txt",
                         {"recipient": user, "items": items, "frequency": "weekly"})
    timings.append((built - started) * 1000)
    rendered.append((time.perf_counter() - started) * 1000)
readers = access.for_users([user for user, _ in digests])
leaks = sum(1 for user, items in digests for item in items
            if item.scope_id not in readers[user.pk].readable_ids())
items = sum(len(items) for _, items in digests)
print(digests[0][1][0].url)
print(f"{statistics.median(timings):.0f} {statistics.median(rendered):.0f} {len(digests)} "
      f"{items} {leaks}")
"""


def wait_until_up(deadline_seconds=30, *, port: int = PORT, path: str = "/healthz") -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            status, _ = fetch(path, {}, port)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {path} on port {port} in time")


def fetch(path: str, headers: dict[str, str], port: int = PORT) -> tuple[int, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={**PROXY_HEADERS, **headers})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def measure(
    path: str, headers: dict[str, str], seconds: float, concurrency: int, port: int = PORT
) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        nonlocal errors
        local, local_errors = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status, _ = fetch(path, headers, port)
            except OSError:
                status = 0
            local.append(time.perf_counter() - started)
            if status != 200:
                local_errors += 1
        with lock:
            latencies.extend(local)
            errors += local_errors

    fetch(path, headers, port)  # warm up: caches, renditions, connections
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    begun = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begun
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": errors,
    }


@contextmanager
def served(application: str, port: int, env: dict[str, str], workers: int, health="/healthz"):
    """`application` under gunicorn on `port` while the block runs."""
    access_log = "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            application,
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            access_log,
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port=port, path=health)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def bare_served(workers: int):
    """The baseline: one view of 20 KB through SecurityMiddleware and CommonMiddleware only,
    in a process of its own (bench/bare_site.py), as many workers as the portal's."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.bare_site")
    return served("bench.bare_site:application", BARE_PORT, env, workers, health="/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="library articles to create")
    parser.add_argument(
        "--events", type=int, default=10000, help="published Cooperation Day events"
    )
    parser.add_argument("--assets", type=int, default=1000, help="brand assets in the library")
    parser.add_argument(
        "--members", type=int, default=1000, help="community members with a week of activity"
    )
    parser.add_argument("--seconds", type=float, default=8, help="load time per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="simultaneous clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    options = parser.parse_args()

    env = bench_environment()
    (ROOT / "var").mkdir(exist_ok=True)
    print(f"Preparing data: migrate, seed_demo --bulk {options.pages}, collectstatic …")
    manage(env, "migrate", "--noinput")
    manage(
        env,
        "seed_demo",
        "--bulk",
        str(options.pages),
        "--events",
        str(options.events),
        "--assets",
        str(options.assets),
        "--members",
        str(options.members),
    )
    manage(env, "collectstatic", "--noinput")
    session_cookie = manage(env, "shell", "--no-imports", "-c", SESSION_SCRIPT).strip()
    session_cookie = session_cookie.splitlines()[-1]
    pdf_lines = manage(env, "shell", "--no-imports", "-c", PDF_SCRIPT).strip().splitlines()
    verify_path = pdf_lines[-2]
    pdf_median, pdf_worst = pdf_lines[-1].split()
    geojson_lines = manage(env, "shell", "--no-imports", "-c", GEOJSON_SCRIPT).strip().splitlines()
    event_path = geojson_lines[-2]
    geojson_median, geojson_worst, geojson_kb, event_count = geojson_lines[-1].split()
    brand_lines = manage(env, "shell", "--no-imports", "-c", BRAND_SCRIPT).strip().splitlines()
    asset_path, logo_query = brand_lines[-3], brand_lines[-2]
    logo_svg_ms, logo_png_ms, logo_pdf_ms = brand_lines[-1].split()
    digest_lines = manage(env, "shell", "--no-imports", "-c", DIGEST_SCRIPT).strip().splitlines()
    thread_path = digest_lines[-2]
    digest_ms, digest_rendered_ms, digest_people, digest_items, leaks = digest_lines[-1].split()
    if leaks != "0":
        raise SystemExit(f"{leaks} digest items about spaces their reader may not see")

    with served("portal.wsgi:application", PORT, env, options.workers):
        signed_in = {"Cookie": session_cookie}
        gzip_ok = {"Accept-Encoding": "gzip"}  # as every browser sends
        endpoints = [
            ("health check", "/healthz", {}),
            ("home (anonymous, cached)", "/", {}),
            ("Academy catalogue (cached)", "/academy/", {}),
            ("catalogue, filtered", "/academy/?format=live_online&upcoming=on", {}),
            ("course page (live seats)", "/academy/simplified-cost-options/", {}),
            ("certificate check", verify_path, {}),
            (f"library article (of {options.pages})", f"/library/article-{options.pages}/", {}),
            ("search results", "/search/?q=guidance", {}),
            ("programme directory", "/programmes/?strand=B", {}),
            ("programme page (cached)", "/programmes/ita-slo/", {}),
            ("news and stories (cached)", "/news/", {}),
            ("news, filtered", "/news/?kind=story&theme=health", {}),
            ("news feed (Atom)", "/news/feed.atom", {}),
            ("calls for proposals (cached)", "/calls/", {}),
            ("calls, filtered", "/calls/?country=SI&theme=health", {}),
            ("calls' deadline calendar", "/calls/deadlines.ics", {}),
            ("vacancies", "/vacancies/", {}),
            ("vacancies feed (RSS)", "/vacancies/feed.rss", {}),
            ("projects (cached)", "/projects/", {}),
            ("partner search", "/projects/?theme=health&country=SI", {}),
            ("Interreg near me", "/near-me/?place=Ljubljana", {}),
            ("sitemap.xml", "/sitemap.xml", {}),
            ("Cooperation Day map page (cached)", "/cooperation-day/", {}),
            ("map page, filtered", "/cooperation-day/?country=FR&when=on", {}),
            ("events.geojson (all, cached)", "/cooperation-day/events.geojson", gzip_ok),
            ("events.geojson, filtered", "/cooperation-day/events.geojson?country=FR", gzip_ok),
            ("events.ics, per country", "/cooperation-day/events.ics?country=AT", {}),
            ("event page", event_path, {}),
            (f"asset library (of {options.assets}, cached)", "/brand/assets/", {}),
            ("asset library, filtered", "/brand/assets/?kind=logo&format=svg", {}),
            ("asset page", asset_path, {}),
            ("library (signed in)", "/brand/assets/?kind=icon&page=3", signed_in),
            (
                "logo SVG (signed in, cached)",
                f"/brand/logo-generator/logo.svg?{logo_query}",
                signed_in,
            ),
            (
                "logo PNG 1200 px (cached)",
                f"/brand/logo-generator/logo.png?{logo_query}",
                signed_in,
            ),
            ("community directory (signed in)", "/community/", signed_in),
            (
                f"space threads (of {options.members // 2})",
                "/community/spaces/programme-project-management/?page=4",
                signed_in,
            ),
            ("thread page (signed in)", thread_path, signed_in),
            ("community search (signed in)", "/community/search/?q=audits", signed_in),
            ("notification centre (signed in)", "/notifications/", signed_in),
            ("home (signed in)", "/", signed_in),
            ("catalogue (signed in)", "/academy/", signed_in),
            ("my learning (signed in)", "/academy/my-learning/", signed_in),
        ]
        rows = []
        for label, path, headers in endpoints:
            status, _ = fetch(path, headers)
            if status != 200:
                raise SystemExit(f"{label}: {path} answered {status}")
            rows.append((label, measure(path, headers, options.seconds, options.concurrency)))
    with bare_served(options.workers) as port:
        bare = measure("/", {}, options.seconds, options.concurrency, port)
    rows.insert(0, ("bare Django view", bare))

    baseline = rows[0][1]["rps"]
    print(f"\nCertificate PDF, drawn without cache: median {pdf_median} ms, slowest {pdf_worst} ms")
    print(
        f"GeoJSON of {event_count} published events, built without cache: median "
        f"{geojson_median} ms, slowest {geojson_worst} ms, {geojson_kb} KiB"
    )
    print(
        f"Logo for ALCOTRA in French, made without cache: SVG {logo_svg_ms} ms, "
        f"PNG 1200 px {logo_png_ms} ms, PDF {logo_pdf_ms} ms (medians)"
    )
    print(
        f"Weekly digests of {digest_people} members ({digest_items} notifications, none about "
        f"a space its reader may not see): built in {digest_ms} ms, built and rendered in "
        f"{digest_rendered_ms} ms (medians)"
    )
    print()
    print(
        f"gunicorn {options.workers} workers, {options.concurrency} clients, "
        f"{options.seconds:g} s per row, {options.pages} library pages, "
        f"database {env['DATABASE_URL'].split(':', 1)[0]}, "
        f"cache {env['REDIS_URL']}"
    )
    header = (
        f"{'endpoint':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8} {'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    for label, result in rows:
        print(
            f"{label:<34} {result['rps']:>8.1f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
            f"{result['rps'] / baseline:>7.0%} {result['errors']:>7}"
        )


if __name__ == "__main__":
    main()
