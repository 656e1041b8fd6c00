"""`PORT=8100 make run`: the development server, started as `make run` starts it on a port other
than 8000, builds every absolute link with that port: in e-mails (allauth's and the portal's
own), in the certificate's QR code and in an event's calendar file.
"""

import base64
import io
import os
import re
import socket
import subprocess
import sys
import time
import zlib
from datetime import date
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import parse_qs, quote, urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

import pytest
import segno
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from icalendar import Calendar

from academy.services import certificate_issue
from campaigns.cooperation_day.models import Event
from tests.factories import DEFAULT_PASSWORD, ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_event

QR_SIZE = 82  # points, as academy.certificate_pdf draws it
STARTUP_SECONDS = 90


def _free_port() -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port != 8000:
            return port


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class DevServer:
    """`manage.py runserver 127.0.0.1:PORT` with the development settings, as `make run` starts
    it (PORT in the environment, no SITE_BASE_URL), on the test database. Its console e-mail
    backend prints the e-mails it sends to its output."""

    def __init__(self, tmp_path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "runserver.log"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"SITE_BASE_URL", "EMAIL_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            PORT=str(self.port),
            DATABASE_URL=_database_url(),
            CACHE_KEY_PREFIX=f"dev-server-test-{os.getpid()}",
            PYTHONUNBUFFERED="1",
        )
        with open(self.log, "wb") as output:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{self.port}",
                    "--noreload",
                    "--skip-checks",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.cookies = CookieJar()
        self.browser = build_opener(HTTPCookieProcessor(self.cookies), _NoRedirect)
        self._wait_until_listening()

    def _wait_until_listening(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"runserver exited:\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"runserver did not listen within {STARTUP_SECONDS} s:\n{self.output()}")

    def output(self) -> str:
        # Long lines of quoted-printable e-mail bodies are joined again.
        return self.log.read_text(errors="replace").replace("=\n", "")

    def get(self, path: str):
        try:
            return self.browser.open(self.base + path, timeout=30)
        except HTTPError as response:  # redirects come back as "errors" without a handler
            return response

    def post(self, path: str, data: dict):
        self.get(path)  # the form's page sets the CSRF cookie
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        body = urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        try:
            return self.browser.open(self.base + path, data=body, timeout=30)
        except HTTPError as response:
            return response

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def dev_server(tmp_path, home):
    server = DevServer(tmp_path)
    yield server
    server.stop()


def _pdf_streams(pdf: bytes):
    """The decoded content of each compressed stream ReportLab wrote."""
    pattern = rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream"
    for match in re.finditer(pattern, pdf, re.S):
        yield zlib.decompress(base64.a85decode(match.group(1).strip().removesuffix(b"~>")))


def _qr_modules(pdf: bytes, modules: int) -> set[tuple[int, int]]:
    """The dark modules (row, column) of the QR code drawn in `pdf`, read back from the
    squares academy.certificate_pdf paints for them."""
    cell = QR_SIZE / modules
    squares = [
        (float(x), float(y))
        for stream in _pdf_streams(pdf)
        for x, y, width, height in re.findall(
            rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f", stream
        )
        if abs(float(width) - cell) < 0.01 and abs(float(height) - cell) < 0.01
    ]
    left = min(x for x, _y in squares)
    top = max(y for _x, y in squares) + cell
    return {(round((top - y - cell) / cell), round((x - left) / cell)) for x, y in squares}


def _dark_modules(data: str) -> tuple[int, set[tuple[int, int]]]:
    matrix = segno.make(data, error="m").matrix
    return len(matrix), {
        (row, column)
        for row, values in enumerate(matrix)
        for column, dark in enumerate(values)
        if dark
    }


@pytest.mark.postgres  # the server process reads what the test wrote, committed
@pytest.mark.django_db(transaction=True)
def test_the_development_server_on_another_port_links_to_that_port(dev_server):
    base = dev_server.base
    holder = UserFactory(email="learner@example.org")
    # The test settings hash with MD5 for speed; the development server knows PBKDF2 only.
    holder.password = PBKDF2PasswordHasher().encode(DEFAULT_PASSWORD, "devserversalt")
    holder.save(update_fields=["password"])
    certificate = certificate_issue(
        holder=holder,
        kind="course",
        source_key="test:dev-server",
        title="Interreg basics",
        completed_on=date(2026, 11, 30),
    )
    edition = make_edition()
    event = make_event(
        edition,
        ProgrammeFactory(countries=["AT", "SK"]),
        UserFactory(email="organiser@example.org"),
        booking=Event.Booking.SIGN_UP,
        capacity=20,
    )

    # allauth's sign-up e-mail: names the site and links to this port.
    response = dev_server.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "password1": "a long passphrase for the test",
            "password2": "a long passphrase for the test",
            "accept_privacy_notice": "on",
        },
    )
    assert response.status == 302, dev_server.output()
    output = dev_server.output()
    assert "Hello from Interreg portal!" in output
    assert re.search(rf"{re.escape(base)}/accounts/confirm-email/\S+/", output), output

    # The portal's own e-mail: an event's sign-up confirmation.
    response = dev_server.post(
        reverse("cooperation_day:sign_up", args=[event.public_id]),
        {"name": "Ana Horvat", "email": "ana@example.org"},
    )
    assert response.status == 200
    assert re.search(rf"{re.escape(base)}/cooperation-day/\S+", dev_server.output())

    # The event's calendar file: its address and UID.
    ics = dev_server.get(reverse("cooperation_day:event_calendar", args=[event.public_id]))
    (entry,) = Calendar.from_ical(ics.read()).walk("VEVENT")
    assert str(entry["URL"]) == f"{base}/cooperation-day/events/{event.public_id}/"
    assert str(entry["UID"]).endswith(f"@127.0.0.1:{dev_server.port}")

    # The certificate: its QR code (read back from the PDF) and the LinkedIn hand-over.
    dev_server.cookies.clear()  # a new visit, not the newcomer's half-finished sign-up
    response = dev_server.post(
        reverse("account_login"), {"login": holder.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status == 302, response.read().decode()[-3000:]
    pdf = dev_server.get(reverse("academy:certificate_download", args=[certificate.code]))
    assert pdf.headers["Content-Type"] == "application/pdf"
    pdf = pdf.read()
    verify_url = base + certificate.get_absolute_url()
    modules, expected = _dark_modules(verify_url)
    drawn = _qr_modules(pdf, modules)
    assert drawn == expected
    assert drawn != _dark_modules("http://127.0.0.1:8000" + certificate.get_absolute_url())[1]

    linkedin = dev_server.get(reverse("academy:certificate_linkedin", args=[certificate.code]))
    assert linkedin.status == 302
    query = parse_qs(urlsplit(linkedin.headers["Location"]).query)
    assert query["certUrl"] == [verify_url]


def test_the_qr_code_reader_reads_what_the_certificate_draws():
    """The reader above is checked against a drawing made here, so that a QR code it cannot
    read fails the test instead of passing it."""
    from reportlab.pdfgen.canvas import Canvas

    from academy.certificate_pdf import _draw_qr

    data = "http://127.0.0.1:8123/certificates/ABCD-EFGH-JKMN-PQRS-TVWX/"
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    _draw_qr(canvas, data, 300, 52, QR_SIZE)
    canvas.save()
    modules, expected = _dark_modules(data)
    assert _qr_modules(buffer.getvalue(), modules) == expected
    assert _qr_modules(buffer.getvalue(), modules) != _dark_modules(data.replace("8123", "8000"))[1]


def _base_url_with(**environment) -> str:
    env = {key: value for key, value in os.environ.items() if key not in {"SITE_BASE_URL", "PORT"}}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **environment)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from portal.core.links import site_base_url; "
            "print(site_base_url())",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_the_base_address_follows_the_port_unless_set():
    assert _base_url_with() == "http://127.0.0.1:8000"
    assert _base_url_with(PORT="8100") == "http://127.0.0.1:8100"
    assert (
        _base_url_with(PORT="8100", SITE_BASE_URL="https://portal.example.org/")
        == "https://portal.example.org"
    )
