"""`{% personal %}` and `{% ifsignedin %}`: the parts of a shared page that are each person's
(portal.core.personal); `{% sharedfragment %}`: a part of any page kept once for everyone."""

import dataclasses

from django import template
from django.conf import settings
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from wagtail.models import AbstractPage

from portal.core import personal as pieces
from portal.core.cache import cached_value

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, piece_name: str, **arguments):
    """The personal piece `piece_name` for this request, or its marker in a shared render."""
    request = context.request
    shared = pieces.shared_render_of(request)
    if shared is not None:
        return shared.marker(piece_name, arguments)
    return pieces.render_piece(request, piece_name, arguments)


@register.filter
def wagtail_page_id(page) -> int | str:
    """The id of `page` if it is a Wagtail page (a listing's `page` may be a paginator's)."""
    return page.pk if isinstance(page, AbstractPage) and page.pk else ""


class SignedInSwitchNode(template.Node):
    def __init__(self, signed_in: template.NodeList, signed_out: template.NodeList):
        self.signed_in = signed_in
        self.signed_out = signed_out

    def render(self, context):
        request = context.request
        shared = pieces.shared_render_of(request)
        if shared is None:
            chosen = self.signed_in if request.user.is_authenticated else self.signed_out
            return chosen.render(context)
        # Both versions are rendered as for everyone; the person's request picks one.
        return shared.marker(
            pieces.SIGNED_IN_SWITCH,
            {
                "signed_in": self.signed_in.render(context),
                "signed_out": self.signed_out.render(context),
            },
        )


@register.tag
def ifsignedin(parser, token):
    """`{% ifsignedin %}…{% else %}…{% endifsignedin %}`: what signed-in people see and what
    visitors see, with nothing personal in either (no name, no count): the same shared page
    serves both."""
    signed_in = parser.parse(("else", "endifsignedin"))
    signed_out = template.NodeList()
    if parser.next_token().contents == "else":
        signed_out = parser.parse(("endifsignedin",))
        parser.delete_first_token()
    return SignedInSwitchNode(signed_in, signed_out)


class PersonalBlockNode(template.Node):
    def __init__(self, piece_name, arguments: dict, shared: template.NodeList):
        self.piece_name = piece_name
        self.arguments = arguments
        self.shared = shared

    def render(self, context):
        request = context.request
        arguments = {name: value.resolve(context) for name, value in self.arguments.items()}
        arguments["shared"] = self.shared.render(context)
        marks = pieces.shared_render_of(request)
        if marks is not None:
            return marks.marker(self.piece_name.resolve(context), arguments)
        return conditional_escape(
            pieces.render_piece(request, self.piece_name.resolve(context), arguments)
        )


@register.tag
def personalblock(parser, token):
    """`{% personalblock "name" argument=value %}…{% endpersonalblock %}`: a part that most
    people see as everyone does (the block, rendered as for an anonymous visitor and given to
    the piece as `shared`), and that the piece `name` replaces for those who see it otherwise
    (a learner's own syllabus)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("personalblock needs the name of a piece.")
    piece_name = parser.compile_filter(bits[1])
    arguments = template.base.token_kwargs(bits[2:], parser)
    if len(arguments) != len(bits) - 2:
        raise template.TemplateSyntaxError("personalblock takes name=value arguments only.")
    shared = parser.parse(("endpersonalblock",))
    parser.delete_first_token()
    return PersonalBlockNode(piece_name, arguments, shared)


def _vary_text(value) -> str:
    """`value` as text that names it alike in every process: lists, dictionaries and
    dataclasses by what they hold, a lazy translation in the current language, a record by its
    primary key."""
    if isinstance(value, Promise):
        value = str(value)
    if value is None or isinstance(value, str | int | float):
        return repr(value)
    if isinstance(value, Model):
        return f"{value._meta.label}:{value.pk}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return _vary_text([type(value).__name__, *(getattr(value, f.name) for f in fields)])
    if isinstance(value, list | tuple):
        return "(" + ",".join(_vary_text(item) for item in value) + ")"
    if isinstance(value, dict):
        return _vary_text(sorted(value.items()))
    raise TypeError(f"A shared fragment cannot vary by a {type(value).__name__}.")


def _for_everyone(context, request) -> dict:
    """What the context processors give an anonymous visitor, for the names the context
    holds: the person's own (`user`, `perms`, the CSRF token, the drafts' scope) never reach
    a fragment kept for everyone. Called inside `rendering_for_everyone`."""
    values = {}
    for processor in context.template.engine.template_context_processors:
        values.update(processor(request))
    # Waiting messages are the person's, whoever is signed in.
    values["messages"] = ()
    return {name: value for name, value in values.items() if name in context}


class SharedFragmentNode(template.Node):
    def __init__(self, name, vary: list, nodelist: template.NodeList):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context):
        request = getattr(context, "request", None)
        if request is None:  # an e-mail: no person to fill in, nothing worth keeping
            return self.nodelist.render(context)
        vary = [_vary_text(expression.resolve(context)) for expression in self.vary]
        fragment = cached_value(
            ("shared-fragment", self.name.resolve(context), get_language(), *vary),
            lambda: self._render_for_everyone(context, request),
            settings.PAGE_CACHE_SECONDS,
        )
        content, token, kept = fragment["content"], fragment["token"], fragment["pieces"]
        outer = pieces.shared_render_of(request)
        if outer is not None:
            # The page's own shared copy keeps the pieces for each person who gets it.
            return SafeString(outer.adopt(content, token, kept).decode())
        return SafeString(pieces.fill(request, content, token, kept).decode())

    def _render_for_everyone(self, context, request) -> dict:
        # The context processors run once the request is everyone's (an anonymous visitor's).
        with (
            pieces.rendering_for_everyone(request) as shared,
            context.push(_for_everyone(context, request)),
        ):
            content = self.nodelist.render(context)
        return {"content": content.encode(), "token": shared.token, "pieces": shared.pieces}


@register.tag
def sharedfragment(parser, token):
    """`{% sharedfragment "name" vary… %}…{% endsharedfragment %}`: a part of a page rendered
    once for everyone (as for an anonymous visitor, each personal part a piece) in each
    language and for each set of `vary` values, kept until the next publish, and filled in
    for each request (portal.core.personal). Whatever the part shows that is not the same for
    everyone in a language is a piece, or it is named among `vary` (strings, numbers, records,
    lists and dataclasses of them): the address it links, the section it marks current."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("sharedfragment needs a name.")
    name, *vary = (parser.compile_filter(bit) for bit in bits[1:])
    nodelist = parser.parse(("endsharedfragment",))
    parser.delete_first_token()
    return SharedFragmentNode(name, vary, nodelist)
