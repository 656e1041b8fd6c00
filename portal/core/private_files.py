"""Storage for files that only views hand out, after checking who is asking.

The files live in the "private" storage of settings.STORAGES, under random names: on local disk
under PRIVATE_MEDIA_ROOT, which no web server serves, or in a private S3 bucket that nobody may
read without the portal's keys (MEDIA_STORAGE=s3). `PrivateFileStorage` is the thin layer each
app's file fields use: it keeps the bytes wherever that storage keeps them, while `url()` names
a view of the owning app that looks the file up and applies its access rules, so even the
admin's "current file" link goes through the check.

After its check, a view hands the file over with `private_file_response()`: from disk as a
streamed response; from a bucket as a redirect to an address signed for a minute
(S3_SIGNED_URL_SECONDS). A redirect rather than a stream through the portal, because brand files
run to 200 MB: the bucket serves them (with resumed and ranged downloads) while no web worker is
held for the length of a download. The content type, the download name and "no-store" the view
chose are part of the signature, so the address cannot be altered to serve the file otherwise,
and it expires before it is worth sharing. The bucket is another origin than the portal, so a
file opened there reaches none of the portal's cookies.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import content_disposition_header

PRIVATE_STORAGE_ALIAS = "private"
NO_STORE = "private, no-store"


class PrivateDiskStorage(FileSystemStorage):
    """The local "private" storage: PRIVATE_MEDIA_ROOT, with no public address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.PRIVATE_MEDIA_ROOT)
        kwargs["base_url"] = None
        super().__init__(**kwargs)


class PrivateFileStorage(Storage):
    """The configured "private" storage, with addresses that lead to an access check."""

    view_name = ""  # set by each app's subclass

    @property
    def backend(self) -> Storage:
        # Looked up on each use, not kept: file fields build their storage once, at import.
        return storages[PRIVATE_STORAGE_ALIAS]

    @property
    def is_local(self) -> bool:
        return isinstance(self.backend, FileSystemStorage)

    def url(self, name):
        return reverse(self.view_name, kwargs={"name": name})

    def signed_url(self, name, *, filename: str, content_type: str, as_attachment: bool) -> str:
        """An address of the bucket object, valid for S3_SIGNED_URL_SECONDS, whose response
        carries the given type and name; the bucket refuses it changed or expired."""
        disposition = content_disposition_header(as_attachment, filename)
        parameters = {"ResponseContentType": content_type, "ResponseCacheControl": NO_STORE}
        if disposition:
            parameters["ResponseContentDisposition"] = disposition
        return self.backend.url(name, parameters=parameters)

    def _open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def _save(self, name, content):
        return self.backend._save(name, content)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def path(self, name):
        return self.backend.path(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)


def private_file_response(
    field_file, *, filename: str, content_type: str, as_attachment: bool
) -> FileResponse | HttpResponseRedirect:
    """The file of `field_file` (stored by a PrivateFileStorage) for someone the calling view
    has just let through: streamed from disk, or a redirect to a signed bucket address."""
    storage = field_file.storage
    if storage.is_local:
        response = FileResponse(
            field_file.open("rb"),
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    else:
        response = HttpResponseRedirect(
            storage.signed_url(
                field_file.name,
                filename=filename,
                content_type=content_type,
                as_attachment=as_attachment,
            )
        )
    response["Cache-Control"] = NO_STORE
    return response
