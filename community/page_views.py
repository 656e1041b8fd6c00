"""What the community's directory page shows."""

from portal.core.pages import PageView

from .selectors import directory, public_directory


class DirectoryView(PageView):
    def get_context(self, context):
        if self.request.user.is_authenticated:
            context["entries"] = directory(user=self.request.user)
        else:
            context["public_entries"] = public_directory()
        return context
