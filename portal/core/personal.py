"""Personal pieces: one shared page for everyone, each person's parts filled in on the server.

A public page is rendered once per address and language, as for an anonymous visitor, and kept
in the page cache (portal.core.cache). What depends on the person (the account menu, the CSRF
token of every form, an enrolment or a vote) is marked in templates with
`{% personal "name" argument=value %}`, or chosen between with
`{% ifsignedin %}…{% else %}…{% endifsignedin %}`, or kept as everyone sees it but for those a
piece shows otherwise with `{% personalblock "name" argument=value %}…{% endpersonalblock %}`
(the block is given to the piece as `shared`: a course's syllabus, but a learner's own).
While the shared copy is rendered, each mark becomes a marker naming the piece and its
arguments; each time the copy is served, the markers are replaced by the pieces rendered for
that request. Outside a shared render the tags render the piece in place, so a page reads the
same either way.

A part of a page that is the same for everyone but for its pieces (the header, the footer)
is kept on its own with `{% sharedfragment "name" vary… %}…{% endsharedfragment %}`: rendered
once as for everyone, per language and `vary` values, until the next publish, and filled in for
each request, so that pages rendered for one person (my learning, notifications) reuse it too.
Inside a page's shared render the fragment's markers become the page's (`SharedRender.adopt`).

Markers carry a random token drawn for each shared render, kept with the stored copy and never
sent to anyone, so nothing a person writes into a page can name a piece.

A piece is a function `(request, **arguments) -> str` (HTML marked safe, as
`render_to_string` returns it; anything else is escaped) registered with `@piece(name)`
in an app's `pieces.py`. It is called for every request of every page that shows it, so it
costs a query or two at most, and it shows exactly what the page showed before it was a piece.
Arguments are stored with the copy: ints and strings only.
"""

import re
import secrets
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString

PIECES: dict[str, Callable[..., str]] = {}
# Pieces that every anonymous visitor sees alike (the "Sign in" menu): a stored copy keeps them
# filled in for visitors, so that a visitor's request renders only what differs per visitor
# (a CSRF token) or per moment (seats left).
SAME_FOR_VISITORS: set[str] = set()

SIGNED_IN_SWITCH = "signed_in_switch"
CSRF_PIECE = "csrf_token"


def piece(name: str, *, same_for_visitors: bool = False):
    """Register the decorated function as the personal piece `name`; `same_for_visitors` if it
    renders the same for every anonymous visitor of an address in a language."""

    def register(function):
        if name in PIECES and PIECES[name] is not function:
            raise ValueError(f"Two personal pieces are named {name!r}.")
        PIECES[name] = function
        if same_for_visitors:
            SAME_FOR_VISITORS.add(name)
        return function

    return register


def render_piece(request, name: str, arguments: dict) -> str:
    return PIECES[name](request, **arguments)


class SharedRender:
    """The markers written while one shared copy of a page is rendered, and the audience it is
    rendered for (portal.core.cache), if it is kept per audience."""

    def __init__(self, audience=None):
        self.audience = audience
        # Letters and digits only, so that a marker survives HTML escaping unchanged (the CSRF
        # token is written into an attribute value through format_html).
        self.token = secrets.token_hex(16)
        self.pieces: list[tuple[str, dict]] = []
        self._indexes: dict[tuple, int] = {}

    def marker(self, name: str, arguments: dict) -> SafeString:
        if name not in PIECES:
            raise KeyError(f"No personal piece is named {name!r}.")
        # A piece shown twice (a CSRF token in several forms) is rendered once per request.
        key = (name, tuple(sorted(arguments.items())))
        if key not in self._indexes:
            self._indexes[key] = len(self.pieces)
            self.pieces.append((name, arguments))
        return SafeString(f"piece-{self.token}-{self._indexes[key]}-")

    def adopt(self, content: bytes, token: str, pieces: list[tuple[str, dict]]) -> bytes:
        """`content`, written by another shared render (`token`, `pieces`: a kept fragment),
        with each of its markers, those inside the pieces' arguments too, made one of this
        render's: the copy being rendered keeps them for each person, as if it had written
        them itself."""
        if not pieces:
            return content
        pattern = _marker_pattern(token)
        adopted: dict[int, bytes] = {}

        def rewritten(value):
            if isinstance(value, str):
                return SafeString(pattern.sub(replace, value.encode()).decode())
            return value

        def replace(match):
            index = int(match.group(1))
            if index not in adopted:
                name, arguments = pieces[index]
                arguments = {key: rewritten(value) for key, value in arguments.items()}
                adopted[index] = self.marker(name, arguments).encode()
            return adopted[index]

        return pattern.sub(replace, content)


# The shared render under way in this context, for what renders without the request (a form's
# widgets): `request.shared_render` for the rest.
_rendering: ContextVar[SharedRender | None] = ContextVar("shared_render", default=None)


def shared_render_of(request) -> SharedRender | None:
    return getattr(request, "shared_render", None)


def shared_render_under_way() -> SharedRender | None:
    """The shared render this context is writing, if any, for templates without a request."""
    return _rendering.get()


@contextmanager
def rendering_for_everyone(request, *, audience=None):
    """Render, inside the block, the copy of a page that everyone shares (everyone of
    `audience`, if given): as an anonymous visitor would see it but for what the page lists to
    that audience, with a marker wherever a template shows a personal piece. Whoever asked,
    nothing of theirs but their audience can reach the shared copy."""
    shared = SharedRender(audience)
    person = request.user
    # A kept fragment rendered inside a page's shared copy has a render of its own; the page's
    # goes on once the fragment is done.
    outer = shared_render_of(request)
    request.user = AnonymousUser()
    request.shared_render = shared
    under_way = _rendering.set(shared)
    try:
        yield shared
    finally:
        _rendering.reset(under_way)
        request.user = person
        if outer is None:
            del request.shared_render
        else:
            request.shared_render = outer


@contextmanager
def rendering_for_person(request):
    """Render, inside the block, a page kept for the person asking alone (their notifications,
    their courses): as they see it, but with a marker wherever a template shows a piece, so
    that each later request fills in what changes without the page (the CSRF token, the
    header's menu and counts) as shared copies are filled in."""
    shared = SharedRender()
    outer = shared_render_of(request)
    request.shared_render = shared
    under_way = _rendering.set(shared)
    try:
        yield shared
    finally:
        _rendering.reset(under_way)
        if outer is None:
            del request.shared_render
        else:
            request.shared_render = outer


def _marker_pattern(token: str) -> re.Pattern:
    return re.compile(rb"piece-" + token.encode() + rb"-(\d+)-")


def fill(
    request,
    content: bytes,
    token: str,
    pieces: list[tuple[str, dict]],
    *,
    only: set[str] | None = None,
) -> bytes:
    """`content` with each marker replaced by its piece rendered for `request` (only those of
    the pieces named in `only`, if given; the others' markers stay)."""
    if not pieces:
        return content
    pattern = _marker_pattern(token)
    filled: dict[int, bytes] = {}

    def replace(match):
        index = int(match.group(1))
        if index not in filled:
            name, arguments = pieces[index]
            if only is not None and name not in only:
                return match.group(0)
            rendered = render_piece(request, name, arguments).encode()
            # A signed-in switch keeps both versions of its part, markers included.
            filled[index] = pattern.sub(replace, rendered)
        return filled[index]

    return pattern.sub(replace, content)


def fill_for_visitors(
    request, content: bytes, token: str, pieces: list[tuple[str, dict]]
) -> tuple[bytes, bool]:
    """`content` as every anonymous visitor of the address gets it, whoever `request` is from,
    but for the pieces that differ per visitor; and whether any of those remain."""
    person = request.user
    request.user = AnonymousUser()
    try:
        content = fill(request, content, token, pieces, only=SAME_FOR_VISITORS)
    finally:
        request.user = person
    return content, bool(pieces) and _marker_pattern(token).search(content) is not None


def pieces_left(content: bytes, token: str, pieces: list[tuple[str, dict]]) -> list[str]:
    """The names of the pieces whose markers remain in `content`."""
    if not pieces:
        return []
    indexes = {int(match) for match in _marker_pattern(token).findall(content)}
    return sorted({pieces[index][0] for index in indexes})


def personal_context(request) -> dict:
    """Context processor: in a shared render, every form's CSRF token (`{% csrf_token %}`, or
    `{{ csrf_token }}` in a hand-written field) is a piece, so each person gets their own."""
    shared = shared_render_of(request)
    if shared is None:
        return {}
    return {"csrf_token": shared.marker(CSRF_PIECE, {})}


@piece(CSRF_PIECE)
def csrf_token(request) -> str:
    # get_token marks the response for the CSRF cookie if the visitor has none yet.
    return get_token(request)


@piece(SIGNED_IN_SWITCH, same_for_visitors=True)
def signed_in_switch(request, *, signed_in: str, signed_out: str) -> str:
    return signed_in if request.user.is_authenticated else signed_out
