from django import template

from ..personas import PERSONAS, personas_enabled

register = template.Library()


@register.inclusion_tag("components/demo_personas.html", takes_context=True)
def demo_personas(context):
    """The development sign-in page's one-click personas; nothing at all elsewhere."""
    return {
        "personas": PERSONAS if personas_enabled() else (),
        "csrf_token": context.get("csrf_token"),
    }
