"""`{% personal %}` and `{% ifsignedin %}`: the parts of a shared page that are each person's
(portal.core.personal)."""

from django import template
from django.utils.html import conditional_escape
from wagtail.models import AbstractPage

from portal.core import personal as pieces

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
