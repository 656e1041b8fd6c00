from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context, section):
    """A section gathered through hub.sections, rendered with the context its part built."""
    return render_to_string(section.template, section.context, request=context.get("request"))
