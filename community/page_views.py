"""What the community's directory page shows."""

from portal.core.pages import PageView

from .selectors import directory


class DirectoryView(PageView):
    def get_context(self, context):
        context["entries"] = directory(user=self.request.user)
        return context
