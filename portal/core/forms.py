from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Every form on the site, allauth's included, renders fields with one template."""

    form_template_name = "components/form/form.html"
    field_template_name = "components/form/field.html"
