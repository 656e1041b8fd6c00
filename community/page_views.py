"""What the community's directory page shows."""

from portal.core import cache
from portal.core.pages import PageView

from .selectors import directory, public_directory


class DirectoryView(PageView):
    audience_of = "community.access.audience_of"

    def get_context(self, context):
        audience = cache.audience_shown(self.request, self.audience_of)
        context["audience"] = audience
        if audience.signed_in:
            context["entries"] = directory(audience=audience)
        else:
            context["public_entries"] = public_directory()
        return context
