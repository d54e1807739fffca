"""The storage of private files: certificates and participants-only material.

Private files live under PRIVATE_MEDIA_ROOT, apart from MEDIA_ROOT, so an operator who serves
MEDIA_ROOT at /media/ for images never publishes them. They have no URL: only the views that
check who asks (certificate and material downloads) read them.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage under PRIVATE_MEDIA_ROOT whose files have no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("A private file has no URL; serve it through a view that checks who asks.")


def private_storage():
    """Return the "private" storage of STORAGES (a callable, so FileFields look it up at run time)."""
    return storages["private"]


def check_private_media_root(app_configs, **kwargs):
    """Refuse a PRIVATE_MEDIA_ROOT inside MEDIA_ROOT (or around it): serving /media/ would publish it."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    public = Path(settings.MEDIA_ROOT).resolve()
    if private.is_relative_to(public) or public.is_relative_to(private):
        return [
            Error(
                "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap.",
                hint="Give private files a directory of their own, outside MEDIA_ROOT and never served.",
                id="academy.E001",
            )
        ]
    return []
