"""Several web hosts behind Debian's nginx, two task workers and two schedulers, on loopback.

One module fixture starts everything with production settings: nginx with deploy/nginx.conf
(paths and addresses replaced by the test's), two gunicorn hosts A and B, two `db_worker`
processes and two `run_scheduler` processes, all on the test database and the real Redis. The
main proxy address balances over both hosts; two more addresses of the same nginx go to one
host each ("through A", "through B") with the same headers, so a test can choose the host.
Media live in the SeaweedFS S3 server of tests/support/s3.py (MEDIA_STORAGE=s3), whose public
prefixes nginx passes through under /media/ (deploy/portal_media_s3.conf).

It runs on PostgreSQL with REDIS_URL set, nginx and SeaweedFS installed; CI sets
PORTAL_REQUIRE_NGINX=1 and PORTAL_REQUIRE_S3=1 so a missing one fails instead of skipping.
"""

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import signing
from django.db import connection, transaction
from django.urls import reverse
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from academy.credential_keys import key_generate, key_set_json
from campaigns.cooperation_day import services as cooperation_day
from campaigns.cooperation_day.models import Event, EventAttendee
from campaigns.slam.models import SlamVote
from portal.core.capacity import PlaceStatus
from portal.core.models import ScheduledRun
from portal.core.schedule import SCHEDULE
from portal.notifications.models import Notification
from portal.notifications.tasks import send_notification_email
from tests.deploy.nginx import NGINX, REQUIRE_NGINX, ROOT, write_nginx_config
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_event
from tests.factories.pages import build_page_tree
from tests.factories.slam import make_applicant, make_application, make_slam_edition
from tests.factories.users import DEFAULT_PASSWORD, totp_code
from tests.faults.services import free_port

BIN = Path(sys.executable).parent
PLACES, CONFIRMATIONS, EMAILS = 10, 40, 100
SIMULTANEOUS_VOTES = 12  # within the per-person limit of votes a minute
TOO_MANY_SIGN_INS = "Too many failed login attempts"
STARTUP_SECONDS = 90
WORKERS = ("worker-1", "worker-2")

# Transactional: what a test writes is committed, so every process sees it; the database is
# emptied after each test, so each test makes what it needs.
pytestmark = [pytest.mark.postgres, pytest.mark.s3, pytest.mark.django_db(transaction=True)]


@dataclass
class Fleet:
    directory: Path
    main: str  # https://127.0.0.1:port, balanced over both hosts
    through_a: str
    through_b: str
    certificate: Path
    s3: object
    outbox: Path
    environment: dict = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def session(self) -> requests.Session:
        client = requests.Session()
        # Neither the environment's CA bundle (which would win over `verify`) nor its proxies.
        client.trust_env = False
        client.verify = str(self.certificate)
        return client

    def log(self, name: str) -> str:
        path = self.directory / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def start(self, name: str, arguments: list[str], environment: dict) -> None:
        self.processes[name] = subprocess.Popen(
            arguments,
            cwd=ROOT,
            env=environment,
            # Appended: a process started again keeps what the one before it wrote.
            stdout=(self.directory / f"{name}.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for name in list(self.processes):
            process = self.processes[name]
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for name in list(self.processes):
            process = self.processes[name]
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            self.kill(name)


def _database_url() -> str:
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    port = database["PORT"] or 5432
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:{port}"
        f"/{database['NAME']}"
    )


def _wait_until_up(fleet: Fleet, base: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    client = fleet.session()
    last = None
    while True:
        try:
            last = client.get(f"{base}/healthz", timeout=5, allow_redirects=False)
            if last.status_code == 200:
                return
            last = f"{last.status_code} {last.text[:300]}"
        except requests.RequestException as error:
            last = error
        for name, process in fleet.processes.items():
            assert process.poll() is None, f"{name} exited:\n{fleet.log(name)}"
        assert time.monotonic() < deadline, (
            f"{base} not up: {last}\n{fleet.log('host-a')}\n{fleet.log('nginx-error')}"
        )
        time.sleep(0.5)


@pytest.fixture(scope="module")
def fleet(django_db_setup, s3_server):
    if NGINX is None:
        if REQUIRE_NGINX:
            pytest.fail("PORTAL_REQUIRE_NGINX=1 but nginx is not installed")
        pytest.skip("needs nginx (apt-get install nginx)")
    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL=redis://…")
    assert connection.vendor == "postgresql"

    directory = Path(tempfile.mkdtemp(prefix="portal-fleet-"))
    static_root, outbox = directory / "static", directory / "outbox"
    for path in (static_root, outbox):
        path.mkdir()
    hosts = (free_port(), free_port())
    https, http, pinned_a, pinned_b = free_port(), free_port(), free_port(), free_port()
    fleet = Fleet(
        directory=directory,
        main=f"https://127.0.0.1:{https}",
        through_a=f"https://127.0.0.1:{pinned_a}",
        through_b=f"https://127.0.0.1:{pinned_b}",
        certificate=directory / "tls.crt",
        s3=s3_server,
        outbox=outbox,
    )
    signing_key = key_generate()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        # The test signs confirmation links with its own key: the hosts share it.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        # Production refuses to start without a credential signing key: one for the hosts.
        "CREDENTIAL_SIGNING_KEYS": key_set_json([signing_key], private_kid=signing_key.kid),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": ",".join((fleet.main, fleet.through_a, fleet.through_b)),
        "SITE_BASE_URL": fleet.main,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CACHE_KEY_PREFIX": f"fleet-{os.getpid()}",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(static_root),
        "MEDIA_STORAGE": "s3",
        "S3_MEDIA_BUCKET": s3_server.media_bucket,
        "S3_PRIVATE_BUCKET": s3_server.private_bucket,
        "S3_ACCESS_KEY_ID": s3_server.access_key,
        "S3_SECRET_ACCESS_KEY": s3_server.secret_key,
        "S3_ENDPOINT_URL": s3_server.endpoint_url,
        "S3_REGION": "us-east-1",
        "S3_ADDRESSING_STYLE": "path",
        # Public media reach visitors through the proxy, under the portal's own address.
        "S3_MEDIA_URL": f"{fleet.main}/media",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
        "LOG_FORMAT": "plain",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    nginx_config = write_nginx_config(
        directory,
        https=https,
        http=http,
        hosts=hosts,
        static_root=static_root,
        bucket_url=f"{s3_server.endpoint_url}/{s3_server.media_bucket}",
        pinned={pinned_a: hosts[0], pinned_b: hosts[1]},
    )
    checked = subprocess.run([NGINX, "-t", "-c", str(nginx_config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    fleet.environment = environment
    try:
        fleet.start("nginx", [NGINX, "-c", str(nginx_config), "-g", "daemon off;"], environment)
        for name, port in zip(("host-a", "host-b"), hosts, strict=True):
            fleet.start(
                name,
                [str(BIN / "gunicorn"), "portal.wsgi:application", "--bind",
                 f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"],
                environment,
            )  # fmt: skip
        for name in WORKERS:
            _start_worker(fleet, name)
        _wait_until_up(fleet, fleet.through_a)
        _wait_until_up(fleet, fleet.through_b)
        yield fleet
    finally:
        fleet.stop_all()
        shutil.rmtree(directory, ignore_errors=True)


def _start_worker(fleet: Fleet, name: str) -> None:
    fleet.start(
        name,
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2",
         "--no-startup-delay", "--worker-id", name],
        fleet.environment,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _workers_up_and_done_before_the_database_is_emptied(fleet, transactional_db):
    """Between tests the database is emptied. A worker whose task's row went with it stops, as
    it would in production, where its service manager starts it again: so is it here, before
    the next test. After each test the workers first finish the tasks they took: emptying the
    tables while a task holds locks on some of them deadlocks."""
    for name in WORKERS:
        if fleet.processes[name].poll() is not None:
            _start_worker(fleet, name)
    yield
    deadline = time.monotonic() + 60
    while DBTaskResult.objects.filter(status="RUNNING").exists():
        if time.monotonic() > deadline:
            break  # the emptying reports what holds it, if anything still does
        time.sleep(0.1)


@pytest.fixture(autouse=True)
def _hosts_start_each_test_with_an_empty_cache(fleet):
    """Between tests the database is emptied without the signals that keep the hosts' cache
    right (their site, its pages, the content version): each test starts with nothing the
    hosts cached for an earlier one."""
    server = redis.Redis.from_url(settings.REDIS_URL)
    keys = list(server.scan_iter(f"{fleet.environment['CACHE_KEY_PREFIX']}:*"))
    if keys:
        server.delete(*keys)


def _form_token(response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert found, f"no form on {response.url} ({response.status_code})"
    return found.group(1)


def _post_form(client, base: str, path: str, data: dict):
    """Open the form at `path`, then send it with `data` and its CSRF token."""
    form = client.get(f"{base}{path}")
    return client.post(
        f"{base}{path}",
        data={"csrfmiddlewaretoken": _form_token(form), **data},
        headers={"Referer": f"{base}{path}"},
        allow_redirects=False,
    )


def _sign_in(client, base: str, email: str, password: str = DEFAULT_PASSWORD):
    return _post_form(client, base, "/accounts/login/", {"login": email, "password": password})


def _sign_in_with_code(client, base: str, email: str) -> None:
    response = _sign_in(client, base, email)
    assert response.status_code == 302, response.text[:500]
    assert "/2fa/authenticate" in response.headers["Location"]
    response = _post_form(client, base, "/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302, response.text[:500]


def test_the_proxy_configuration_passes_nginx_t(fleet):
    checked = subprocess.run(
        [NGINX, "-t", "-c", str(fleet.directory / "nginx.conf")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_static_files_come_from_the_proxy_and_private_files_never(fleet):
    build_page_tree()
    client = fleet.session()
    home = client.get(f"{fleet.main}/")
    assert home.status_code == 200, fleet.log("host-a") + fleet.log("host-b")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    static = client.get(f"{fleet.main}{stylesheet}")
    assert static.status_code == 200
    assert "immutable" in static.headers["Cache-Control"]
    # nginx served it from STATIC_ROOT: the portal's own headers are not on it.
    assert "Permissions-Policy" not in static.headers
    assert "Permissions-Policy" in home.headers

    bucket = fleet.s3.client()
    bucket.put_object(Bucket=fleet.s3.media_bucket, Key="documents/minutes.pdf", Body=b"%PDF-")
    bucket.put_object(Bucket=fleet.s3.media_bucket, Key="stray.txt", Body=b"not public")
    bucket.put_object(Bucket=fleet.s3.private_bucket, Key="brand/logo.svg", Body=b"<svg/>")
    bucket.put_object(Bucket=fleet.s3.media_bucket, Key="images/visible.txt", Body=b"public")
    assert client.get(f"{fleet.main}/media/images/visible.txt").text == "public"
    for path in (
        "/media/documents/minutes.pdf",
        "/media/stray.txt",
        "/media/",
        "/media/brand/logo.svg",
        "/media/images/../documents/minutes.pdf",
        "/media/images/%2e%2e/documents/minutes.pdf",
    ):
        assert client.get(f"{fleet.main}{path}").status_code in (400, 403, 404), path


def test_the_portal_sees_the_client_through_the_proxy(fleet):
    build_page_tree()
    client = fleet.session()
    # Plain http is sent to https by the proxy; https reaches the portal as https (no loop).
    http_port = int(re.search(r"listen 127\.0\.0\.1:(\d+);", (fleet.directory / "portal.conf")
                              .read_text()).group(1))  # fmt: skip
    plain = fleet.session().get(f"http://127.0.0.1:{http_port}/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
    response = client.get(f"{fleet.main}/", allow_redirects=False)
    assert response.status_code == 200
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def _person(**fields):
    """A user whose password the hosts can check: tests hash with MD5 for speed, production
    knows only its own hashers."""
    person = UserFactory(**fields)
    person.password = PBKDF2PasswordHasher().encode(DEFAULT_PASSWORD, PBKDF2PasswordHasher().salt())
    person.save(update_fields=["password"])
    return person


def _editor():
    return _person(is_staff=True, is_superuser=True)


def test_an_image_uploaded_through_a_is_served_through_b(fleet):
    editor = _editor()
    # The database was emptied after the last test, its root collection with it.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    editor_a = fleet.session()
    _sign_in_with_code(editor_a, fleet.through_a, editor.email)
    picture = io.BytesIO()
    PillowImage.new("RGB", (320, 200), (0, 94, 184)).save(picture, "PNG")
    form = editor_a.get(f"{fleet.through_a}/admin/images/add/")
    response = editor_a.post(
        f"{fleet.through_a}/admin/images/add/",
        data={
            "csrfmiddlewaretoken": _form_token(form),
            "title": "Fleet map",
            "collection": root.pk,
        },
        files={"file": ("fleet-map.png", picture.getvalue(), "image/png")},
        headers={"Referer": f"{fleet.through_a}/admin/images/add/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:1000]
    image = get_image_model().objects.get(title="Fleet map")

    # Host B reads the original from the shared media and makes a rendition of it. (The same
    # session: a second sign-in within the same 30 seconds could not reuse the one-time code.)
    edit = editor_a.get(f"{fleet.through_b}/admin/images/{image.pk}/")
    assert edit.status_code == 200
    rendition = re.search(rf'src="({re.escape(fleet.main)}/media/images/[^"]+)"', edit.text)
    assert rendition, "the rendition's address is the proxy's"
    served = fleet.session().get(rendition.group(1))
    assert served.status_code == 200
    assert served.headers["Content-Type"].startswith("image/")
    original = fleet.session().get(f"{fleet.main}/media/{image.file.name}")
    assert original.status_code == 200
    assert original.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_session_made_on_a_works_on_b(fleet):
    member = _person()
    client = fleet.session()
    assert _sign_in(client, fleet.through_a, member.email).status_code == 302
    signed_in = client.get(f"{fleet.through_b}/accounts/email/", allow_redirects=False)
    assert signed_in.status_code == 200
    assert member.email in signed_in.text
    stranger = fleet.session().get(f"{fleet.through_b}/accounts/email/", allow_redirects=False)
    assert stranger.status_code == 302


def test_the_sign_in_limit_counts_attempts_on_both_hosts(fleet):
    email = _person().email
    for base in (fleet.through_a, fleet.through_b) * 2 + (fleet.through_a,):
        refused = _sign_in(fleet.session(), base, email, password="wrong guess")
        assert refused.status_code == 200
        assert TOO_MANY_SIGN_INS not in refused.text
    # Five failures, three on A and two on B: even the right password is refused on B now.
    # Counted per host, B would have seen only two.
    blocked = _sign_in(fleet.session(), fleet.through_b, email)
    assert blocked.status_code in (200, 429)
    assert TOO_MANY_SIGN_INS in blocked.text


def _anonymous_get(fleet: Fleet, url: str) -> requests.Response:
    """A visitor without cookies, as the page cache serves them."""
    return fleet.session().get(url, timeout=30)


def test_publishing_on_a_refreshes_the_page_cached_through_b(fleet):
    build_page_tree()
    page = Page.objects.get(slug="academy").specific
    address = f"{fleet.through_b}{page.url}"
    assert "Academy" in _anonymous_get(fleet, address).text  # now in the page cache
    page.title = "Academy of the fleet"
    revision = page.save_revision()

    editor = fleet.session()
    _sign_in_with_code(editor, fleet.through_a, _editor().email)
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    response = _post_form(editor, fleet.through_a, publish, {})
    assert response.status_code == 302, response.text[:1000]
    page.refresh_from_db()
    assert page.live_revision_id == revision.pk

    # Kept per host, B's cached copy would still show the old title for PAGE_CACHE_SECONDS.
    assert "Academy of the fleet" in _anonymous_get(fleet, address).text


def test_forty_confirmations_over_both_hosts_fill_exactly_ten_places(fleet):
    build_page_tree()
    event = make_event(
        make_edition(),
        ProgrammeFactory(countries=["AT", "SK"]),
        UserFactory(),
        booking=Event.Booking.SIGN_UP,
        capacity=PLACES,
    )
    prepared = []
    for number in range(CONFIRMATIONS):
        token = signing.dumps(
            {"event": event.pk, "name": f"Visitor {number}", "email": f"v{number}@fleet.example"},
            salt=cooperation_day.SIGN_UP_SALT,
        )
        base = fleet.through_a if number % 2 else fleet.through_b
        client = fleet.session()
        path = f"/cooperation-day/sign-up/{token}/confirm/"
        prepared.append((client, base, path, _form_token(client.get(f"{base}{path}"))))
    barrier = threading.Barrier(CONFIRMATIONS)
    statuses = []

    def confirm(client, base, path, csrf):
        barrier.wait()
        response = client.post(
            f"{base}{path}",
            data={"csrfmiddlewaretoken": csrf},
            headers={"Referer": f"{base}{path}"},
            allow_redirects=False,
            timeout=120,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=confirm, args=arguments) for arguments in prepared]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == CONFIRMATIONS
    assert all(status < 400 for status in statuses), statuses
    held = list(EventAttendee.objects.filter(event=event).values_list("status", flat=True))
    assert held.count(PlaceStatus.CONFIRMED) == PLACES
    assert held.count(PlaceStatus.WAITLISTED) == CONFIRMATIONS - PLACES


def _shortlisted_pair():
    """A Slam edition in its public vote, with two shortlisted projects."""
    build_page_tree()
    edition = make_slam_edition(phase="voting")
    programme = ProgrammeFactory(countries=["AT", "SK"])
    applicant = make_applicant(programme)
    return edition, [
        make_application(edition, programme, applicant, status="shortlisted") for _ in range(2)
    ]


def _vote(client, base: str, application, csrf: str):
    path = reverse("slam:vote", args=[application.public_id])
    return client.post(
        f"{base}{path}",
        data={"csrfmiddlewaretoken": csrf},
        headers={"Referer": f"{base}{path}"},
        allow_redirects=False,
        timeout=120,
    )


def _votes_of(person) -> list[int]:
    return list(SlamVote.objects.filter(voter=person).values_list("application_id", flat=True))


def test_a_public_vote_cast_through_a_and_through_b_counts_once(fleet):
    edition, (first, second) = _shortlisted_pair()
    voter = _person()
    client = fleet.session()
    assert _sign_in(client, fleet.through_a, voter.email).status_code == 302
    csrf = _form_token(client.get(f"{fleet.through_a}/accounts/email/"))

    for base in (fleet.through_a, fleet.through_b):
        response = _vote(client, base, first, csrf)
        assert response.status_code == 302, response.text[:500]
        assert "/slam/" in response.headers["Location"]
        assert _votes_of(voter) == [first.pk]
    # Changing one's mind on B moves the vote made on A; it does not add one.
    assert _vote(client, fleet.through_b, second, csrf).status_code == 302
    assert _votes_of(voter) == [second.pk]
    assert SlamVote.objects.filter(edition=edition).count() == 1
    # A visitor's vote is refused on either host.
    for base in (fleet.through_a, fleet.through_b):
        visitor = fleet.session()
        refused = _vote(visitor, base, first, _form_token(visitor.get(f"{base}/accounts/login/")))
        assert refused.status_code == 302
        assert "/accounts/login/" in refused.headers["Location"]
    assert SlamVote.objects.filter(edition=edition).count() == 1


def test_simultaneous_votes_of_one_account_over_both_hosts_count_once(fleet):
    edition, applications = _shortlisted_pair()
    voter = _person()
    signed_in = fleet.session()
    assert _sign_in(signed_in, fleet.through_a, voter.email).status_code == 302
    csrf = _form_token(signed_in.get(f"{fleet.through_b}/accounts/email/"))
    prepared = []
    for number in range(SIMULTANEOUS_VOTES):
        client = fleet.session()  # one connection each, all with the voter's session
        client.cookies.update(signed_in.cookies)
        base = fleet.through_a if number % 2 else fleet.through_b
        prepared.append((client, base, applications[number // 2 % 2]))
    barrier = threading.Barrier(SIMULTANEOUS_VOTES)
    statuses = []

    def vote(client, base, application):
        barrier.wait()
        statuses.append(_vote(client, base, application, csrf).status_code)

    threads = [threading.Thread(target=vote, args=arguments) for arguments in prepared]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * SIMULTANEOUS_VOTES
    assert len(_votes_of(voter)) == 1
    assert SlamVote.objects.filter(edition=edition).count() == 1


def _outbox_text(fleet: Fleet) -> str:
    return "\n".join(path.read_text(errors="replace") for path in fleet.outbox.iterdir())


def _until_both_workers_take_tasks(fleet, backend) -> None:
    """Queue tasks that do nothing, one at a time, until each worker has taken one: both are
    then up and asking for work, not starting or still busy with an earlier test's task."""
    seen = set()
    deadline = time.monotonic() + 120
    while seen != set(WORKERS):
        assert time.monotonic() < deadline, fleet.log("worker-1") + fleet.log("worker-2")
        # No such notification: the task finds nothing to send.
        probe = backend.enqueue(send_notification_email, (), {"notification_id": 0})
        while not (claimed := DBTaskResult.objects.get(id=probe.id)).finished_at:
            assert time.monotonic() < deadline, fleet.log("worker-1") + fleet.log("worker-2")
            time.sleep(0.05)
        seen.update(claimed.worker_ids)


def test_a_hundred_queued_emails_are_each_sent_once_by_two_workers(fleet):
    backend = DatabaseBackend(alias="default", params={})
    _until_both_workers_take_tasks(fleet, backend)
    people = UserFactory.create_batch(10)
    queued = []
    # All hundred become visible at once: queued one by one, each could be taken by whichever
    # worker happened to be awake, and on a busy machine one of them took every message.
    with transaction.atomic():
        for number in range(EMAILS):
            notification = Notification.objects.create(
                recipient=people[number % len(people)],
                kind=Notification.Kind.WATCHED,
                verb="started",
                target=f"Fleet thread {number:03d} end",
                url="/community/",
            )
            queued.append(
                backend.enqueue(send_notification_email, (), {"notification_id": notification.pk})
            )
    ids = [result.id for result in queued]
    deadline = time.monotonic() + 120
    while DBTaskResult.objects.filter(id__in=ids).exclude(status="SUCCESSFUL").exists():
        assert time.monotonic() < deadline, fleet.log("worker-1") + fleet.log("worker-2")
        time.sleep(0.5)
    claims = list(DBTaskResult.objects.filter(id__in=ids).values_list("worker_ids", flat=True))
    assert all(len(claimed) == 1 for claimed in claims)
    workers = fleet.log("worker-1") + fleet.log("worker-2")
    assert {claimed[0] for claimed in claims} == set(WORKERS), workers
    sent = _outbox_text(fleet)
    counts = {sent.count(f"Fleet thread {number:03d} end") for number in range(EMAILS)}
    # Each e-mail names its thread the same number of times (subject, text, HTML): a message
    # sent twice would count double.
    assert len(counts) == 1
    assert counts != {0}


def test_each_periodic_job_runs_once_with_two_schedulers_started_together(fleet):
    for name in ("scheduler-1", "scheduler-2"):
        fleet.start(
            name,
            [sys.executable, "manage.py", "run_scheduler", "--interval", "0.5"],
            fleet.environment,
        )
    try:
        deadline = time.monotonic() + 120
        while ScheduledRun.objects.filter(outcome="running").exists() or (
            ScheduledRun.objects.values("job").distinct().count() < len(SCHEDULE)
        ):
            assert time.monotonic() < deadline, fleet.log("scheduler-1")
            time.sleep(0.5)
        time.sleep(3)  # both schedulers look at the schedule several times more
        runs = list(ScheduledRun.objects.values_list("job", "slot", "outcome"))
    finally:
        fleet.kill("scheduler-1")
        fleet.kill("scheduler-2")
    assert sorted(job for job, _slot, _outcome in runs) == sorted(job.name for job in SCHEDULE)
    assert {outcome for _job, _slot, outcome in runs} == {"succeeded"}
    logs = fleet.log("scheduler-1") + fleet.log("scheduler-2")
    for job in SCHEDULE:
        assert len(re.findall(rf"^{job.name} for ", logs, re.MULTILINE)) == 1, logs


def test_with_one_web_host_killed_the_site_answers_through_the_other(fleet):
    build_page_tree()
    fleet.kill("host-a")
    client = fleet.session()
    answers = [client.get(f"{fleet.main}/", timeout=30).status_code for _ in range(10)]
    assert answers == [200] * 10
    assert client.get(f"{fleet.through_a}/", timeout=10).status_code == 502
