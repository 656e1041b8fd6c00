"""Storage for files that only views hand out, after checking who is asking.

The files live under PRIVATE_MEDIA_ROOT, which no web server serves, under random names.
`url()` names a view of the owning app that looks the file up and applies its access rules,
so even the admin's "current file" link goes through the check.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse


class PrivateFileStorage(FileSystemStorage):
    view_name = ""  # set by each app's subclass

    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.PRIVATE_MEDIA_ROOT)
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name):
        return reverse(self.view_name, kwargs={"name": name})
