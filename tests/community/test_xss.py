"""A battery of script-injection attempts in everything people type into the community: post
text (Markdown and raw HTML), thread titles, tags, display names, flag notes, join requests and
moderators' reasons. Every page, notification and e-mail that shows them back is parsed, and
none may carry a script, an event handler or a dangerous address."""

from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from community import services
from community.markup import render
from community.models import Membership, Post, Space, Thread
from community.selectors import directory_url
from portal.accounts.models import Profile
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<svg onload="alert(1)"></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<body onload="alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<a href="https://example.org" onmouseover=alert(1)>x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<!--<script>alert(1)</script>-->",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "![image](javascript:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "<javascript:alert(1)>",
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    '[x](https://example.org "title" onmouseover="alert(1))',
    "[@[Name](abcd1234)](javascript:alert(1))",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "{{ 7|add:7 }}{% debug %}",
]

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text", "livescript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "background", "poster"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "svg", "math", "frame"}


class _Checker(HTMLParser):
    """Finds live markup: scripts other than our own files, event handlers, bad addresses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.in_body = True
        if tag == "script":
            src = attributes.get("src") or ""
            own_file = src.startswith("/static/")
            data_only = attributes.get("type") in {"application/json", "application/ld+json"}
            if not (own_file or data_only):
                self.problems.append(f"script {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                squeezed = "".join(value.split()).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and self.in_body:
                self.problems.append(f"<{tag} style={value!r}>")
        if self.in_body and tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and self.in_body:
            self.problems.append("<meta> in body")


def assert_no_live_markup(html: str, where: str) -> None:
    checker = _Checker()
    checker.feed(html)
    assert checker.problems == [], where


@pytest.fixture
def battery(home):
    """A space where people with hostile names posted every payload everywhere they could."""
    space = make_space(kind=Space.Kind.ON_REQUEST)
    moderator = make_member(space, moderator=True)
    Profile.objects.filter(user=moderator).update(email_frequency="immediately")
    authors = []
    for number, payload in enumerate(PAYLOADS):
        author = make_member(
            space, first_name=payload[:150], last_name=f"#{number}", email=f"x{number}@example.org"
        )
        Profile.objects.filter(user=author).update(email_frequency="immediately")
        authors.append(author)
    for number, payload in enumerate(PAYLOADS):
        author = authors[number]
        other = authors[(number + 1) % len(authors)]
        mention = f"@[{other.display_name}]({other.profile.public_id})"
        thread = services.thread_create(
            user=author,
            space=space,
            title=f"{payload[:180]} {number}",
            kind="question",
            source=f"{payload}\n\nSee {mention} and alert",
            tags=[payload[:30], "alert"],
        )
        reply = services.post_create(
            user=other, thread=thread, source=payload, quoted_post=thread.posts.get(number=1)
        )
        services.post_flag(user=author, post=reply, reason="other", note=payload)
    requester = UserFactory(first_name=PAYLOADS[2], last_name=PAYLOADS[0])
    services.space_join(user=requester, space=space, message=PAYLOADS[1])
    hidden = Post.objects.filter(number=2).first()
    services.post_hide(moderator=moderator, post=hidden, reason=PAYLOADS[3][:300])
    return space, moderator, authors


def test_the_battery_has_more_than_forty_payloads():
    assert len(PAYLOADS) >= 40


@pytest.mark.parametrize(
    "live",
    [
        "<body><script>alert(1)</script>",
        "<body><img src=x onerror=alert(1)>",
        '<body><a href=" jAvA script:alert(1)">x</a>',
        '<body><a href="data:text/html,x">x</a>',
        '<body><iframe src="/"></iframe>',
        '<body><p style="color:red">x</p>',
    ],
)
def test_the_checker_finds_live_markup(live):
    with pytest.raises(AssertionError):
        assert_no_live_markup(live, "sample")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_post_html_has_nothing_executable(payload):
    stored = render(payload, people={}).html
    assert_no_live_markup(f"<body>{stored}</body>", payload)
    assert "<script" not in stored.lower()


def test_no_page_or_notification_carries_live_markup(client, battery):
    space, moderator, authors = battery
    client.force_login(moderator)
    threads = list(Thread.objects.filter(space=space))
    pages = [
        reverse("community:space", args=[space.slug]),
        reverse("community:space", args=[space.slug]) + "?sort=new",
        reverse("community:members", args=[space.slug]),
        reverse("community:moderation", args=[space.slug]),
        reverse("community:log", args=[space.slug]),
        reverse("community:search") + "?q=alert",
        reverse("community:search") + "?q=%3Cscript%3E",
        reverse("notifications:centre"),
    ]
    for thread in threads:
        post = thread.posts.get(number=1)
        pages += [
            reverse("community:thread", args=[thread.pk]),
            reverse("community:reply", args=[thread.pk]) + f"?quote={post.pk}",
            reverse("community:post_edit", args=[post.pk]),
            reverse("community:post_flag", args=[post.pk]),
        ]
    services.post_edit(
        user=threads[0].author, post=threads[0].posts.get(number=1), source=PAYLOADS[5]
    )
    pages.append(reverse("community:post_history", args=[threads[0].posts.get(number=1).pk]))

    pages.append(directory_url())
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_live_markup(response.content.decode(), url)
    for author in authors[:5]:
        client.force_login(author)
        assert_no_live_markup(
            client.get(reverse("notifications:centre")).content.decode(), "centre"
        )
    assert Notification.objects.count() > len(PAYLOADS)


def test_e_mails_are_plain_text_only(home, outbox, django_capture_on_commit_callbacks):
    space = make_space()
    author = make_member(space, first_name=PAYLOADS[0], last_name=PAYLOADS[2])
    reader = make_member(space)
    Profile.objects.filter(user=reader).update(email_frequency="immediately")
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            user=author, space=space, title=PAYLOADS[1], kind="discussion", source="x"
        )
        services.post_create(
            user=author, thread=thread, source=f"{PAYLOADS[3]} @[R]({reader.profile.public_id})"
        )
    [message] = mail.outbox
    # No HTML part: a mail client shows the text as text and runs nothing.
    assert message.alternatives == []
    assert message.content_subtype == "plain"
    assert message.extra_headers.get("Content-Type") is None
    assert message.message()["Content-Type"].startswith("text/plain")
    assert "alert(1)" in message.subject  # the title is kept, as plain text


def test_membership_and_moderation_texts_stay_text(client, battery):
    _space, moderator, _authors = battery
    membership = Membership.objects.get(status="requested")
    services.request_decide(
        moderator=moderator, membership=membership, approve=False, message=PAYLOADS[0]
    )
    client.force_login(membership.user)
    assert_no_live_markup(client.get(reverse("notifications:centre")).content.decode(), "centre")
