from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.forms import PortalForm

from . import sources
from .models import MAX_QUERY_LENGTH


class SavedSearchForm(PortalForm):
    """What the listings' "save this search" button posts. `next` is where the person goes
    back to; the view checks it stays on this site."""

    kind = forms.ChoiceField(label=_("What to watch"))
    query = forms.CharField(label=_("Filters"), required=False, max_length=MAX_QUERY_LENGTH)
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (source.kind, source.label) for source in sources.all_sources()
        ]
