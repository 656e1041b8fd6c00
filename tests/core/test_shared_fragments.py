"""The page frame (header and footer) is rendered once for everyone and kept until the next
publish, for each address and language, and each request fills in its own account menu,
unread count and CSRF token: on personal pages, on pages rendered for one person, and inside
a page's shared copy."""

import re
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.test.signals import template_rendered

from portal.core import personal
from portal.notifications import services as notifications
from tests.factories import ProgrammeFactory, StandardPageFactory, UserFactory
from tests.factories.pages import AccessibilityStatementFactory, make_footer_links
from tests.helpers import signed_in_client

pytestmark = pytest.mark.django_db

LOGOUT_TOKEN = re.compile(
    r'action="/accounts/logout/">\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"'
)
HEADER = "components/site_header.html"


def _unread_badge(content: str) -> str | None:
    found = re.search(r'notification-link__count">(\d+)', content)
    return found.group(1) if found else None


@contextmanager
def _renders_of(name: str):
    """The names of the templates rendered inside the block that are `name`."""
    rendered = []

    def seen(sender, template, **kwargs):
        if template.name == name:
            rendered.append(name)

    template_rendered.connect(seen)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(seen)


def _check_own_header(name: str, content: str) -> None:
    assert "piece-" not in content
    assert ("Signed in as Ana Kovač" in content) == (name == "ana")
    assert ("Signed in as Ben Moreau" in content) == (name == "ben")
    assert _unread_badge(content) == ("2" if name == "ana" else None)
    assert ("Create account" in content) == (name == "visitor")


def test_two_people_and_a_visitor_interleaved_each_fill_in_the_one_header(home):
    ana = UserFactory(first_name="Ana", last_name="Kovač")
    ben = UserFactory(first_name="Ben", last_name="Moreau")
    for _twice in range(2):
        notifications.notify(
            recipients=[ana], kind="membership", verb="request_declined", target="Rules", url="/"
        )
    # Rendered for each request, for everyone: no shared copy of the page to fill in.
    statement = AccessibilityStatementFactory().url
    clients = {
        "ana": signed_in_client(ana, enforce_csrf_checks=True),
        "ben": signed_in_client(ben, enforce_csrf_checks=True),
        "visitor": Client(),
    }
    visits = [
        ("ana", "/accounts/my-data/"),
        ("ana", statement),
        ("visitor", statement),
        ("ben", "/accounts/my-data/"),
        ("ben", statement),
    ]

    tokens = {}
    with _renders_of(HEADER) as rendered:
        for _round in range(2):
            for name, path in visits:
                response = clients[name].get(path)
                assert response.status_code == 200
                assert "X-Page-Cache" not in response
                content = response.content.decode()
                _check_own_header(name, content)
                if name != "visitor":
                    tokens[name] = LOGOUT_TOKEN.search(content).group(1)

    # Once for each address, however many people asked.
    assert len(rendered) == 2
    assert tokens["ana"] != tokens["ben"]
    for name in ("ana", "ben"):
        signed_out = clients[name].post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[name]})
        assert signed_out.status_code == 302
        assert "_auth_user_id" not in clients[name].session


@pytest.mark.parametrize("first", ["ana", "visitor"])
def test_a_copy_shared_with_everyone_keeps_the_kept_headers_pieces(home, first):
    """A programme's page is one copy for everyone: whoever comes first, signed in or not,
    renders it once with the header kept, and the others are served from it."""
    ana = UserFactory(first_name="Ana", last_name="Kovač")
    ben = UserFactory(first_name="Ben", last_name="Moreau")
    for _twice in range(2):
        notifications.notify(
            recipients=[ana], kind="membership", verb="request_declined", target="Rules", url="/"
        )
    url = ProgrammeFactory().get_absolute_url()
    clients = {"ana": signed_in_client(ana), "ben": signed_in_client(ben), "visitor": Client()}
    order = ["ana", "visitor", "ben", "visitor"]
    if first == "visitor":
        order = ["visitor", "ana", "visitor", "ben"]

    with _renders_of(HEADER) as rendered:
        responses = [(name, clients[name].get(url)) for name in order]

    assert len(rendered) == 1
    visitors = [response.get("X-Page-Cache") for name, response in responses if name == "visitor"]
    assert visitors == (["miss", "hit"] if first == "visitor" else ["hit", "hit"])
    for name, response in responses:
        _check_own_header(name, response.content.decode())


def test_a_publish_shows_in_the_kept_header_and_footer_on_the_next_request(home):
    client = signed_in_client(UserFactory())
    about = StandardPageFactory(title="About the portal", slug="about")
    first = client.get("/notifications/").content.decode()
    assert ">Academy</a>" in first
    assert "About the portal" not in first

    academy = home.get_children().get(slug="academy").specific
    academy.title = "Learning Academy"
    academy.save_revision().publish()
    assert ">Learning Academy</a>" in client.get("/notifications/").content.decode()

    make_footer_links([about])
    assert 'href="/about/">About the portal</a>' in client.get("/notifications/").content.decode()
    about.title = "Who we are"
    about.save_revision().publish()
    assert 'href="/about/">Who we are</a>' in client.get("/notifications/").content.decode()


def test_each_address_keeps_its_own_language_switcher_and_current_section(home):
    client = signed_in_client(UserFactory())
    notifications_page = client.get("/notifications/").content.decode()
    learning = client.get("/academy/my-learning/").content.decode()
    programmes = client.get("/programmes/").content.decode()
    again = client.get("/academy/my-learning/").content.decode()

    assert "/language/de/?next=%2Fde%2Fnotifications%2F" in notifications_page
    for content in (learning, again):
        assert "/language/de/?next=%2Fde%2Facademy%2Fmy-learning%2F" in content
        assert "%2Fnotifications%2F" not in content
        assert 'aria-current="page">Programmes' not in content
    assert '<a href="/programmes/" aria-current="page">Programmes</a>' in programmes


def test_a_page_in_german_gets_the_german_header_and_footer(home):
    client = signed_in_client(UserFactory())
    english = client.get("/notifications/").content.decode()
    german = client.get("/de/notifications/").content.decode()
    english_again = client.get("/notifications/").content.decode()

    for content in (english, english_again):
        assert "Search the portal" in content
        assert 'href="/academy/"' in content
        assert "Co-funded by the European Union" in content
    assert "Portal durchsuchen" in german
    assert 'href="/de/academy/"' in german
    assert 'href="/academy/"' not in german
    assert "Co-funded by the European Union" not in german


PROBE = Template(
    "{% load personal %}"
    '{% sharedfragment "probe" page %}'
    "[{{ renders }}][{{ user.email }}][{% csrf_token %}]"
    "[{% ifsignedin %}in{% else %}out{% endifsignedin %}][{{ page }}]"
    "{% endsharedfragment %}"
)


class _Counter:
    """Counts how many times a template shows it."""

    def __init__(self):
        self.count = 0

    def __str__(self):
        self.count += 1
        return str(self.count)


def _probe_request(user):
    request = RequestFactory().get("/probe/")
    request.user = user
    request.session = {}
    return request


def _probe(user, renders, page="A") -> str:
    request = _probe_request(user)
    return PROBE.render(RequestContext(request, {"renders": renders, "page": page}))


def test_nothing_of_the_person_who_rendered_a_fragment_first_is_kept_in_it(home):
    ana, ben = UserFactory(email="ana@example.org"), UserFactory(email="ben@example.org")
    renders = _Counter()

    outputs = [_probe(person, renders) for person in (ana, ben, AnonymousUser())]

    assert renders.count == 1
    assert all("[1]" in output and "@example.org" not in output for output in outputs)
    tokens = [re.search(r'value="([^"]+)"', output).group(1) for output in outputs]
    assert len(set(tokens)) == 3
    assert [output.split("][")[3] for output in outputs] == ["in", "in", "out"]
    assert "[B]" in _probe(ana, renders, page="B") and renders.count == 2


def test_inside_a_shared_render_a_fragment_leaves_markers_for_the_page(home):
    ana = UserFactory()
    _probe(ana, _Counter())  # kept, with markers of its own render
    request = _probe_request(ana)
    with personal.rendering_for_everyone(request) as page:
        output = PROBE.render(RequestContext(request, {"renders": _Counter(), "page": "A"}))
    assert request.user == ana
    assert not hasattr(request, "shared_render")
    assert f"piece-{page.token}-" in output
    assert {name for name, _arguments in page.pieces} == {"csrf_token", "signed_in_switch"}
    filled = personal.fill(request, output.encode(), page.token, page.pieces).decode()
    assert "piece-" not in filled
    assert "[in]" in filled
