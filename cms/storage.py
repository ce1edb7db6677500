"""Storage for image renditions: the default storage, closing each rendition's temporary file
when it is saved.

Wagtail 8 renders every rendition into a SpooledTemporaryFile that it never closes; Python
warns about each one when it is garbage-collected (a ResourceWarning, an error in our test
run) and holds its memory until then. Everything else is the default storage's (local disk or
S3), so this changes nowhere files go.
"""

import io
from tempfile import SpooledTemporaryFile

from django.core.files.storage import Storage, storages

DELEGATED = [
    "open",
    "delete",
    "exists",
    "listdir",
    "size",
    "url",
    "path",
    "get_accessed_time",
    "get_created_time",
    "get_modified_time",
    "get_valid_name",
    "get_alternative_name",
    "get_available_name",
    "generate_filename",
]


class RenditionStorage(Storage):
    @property
    def wrapped(self):
        return storages["default"]

    def save(self, name, content, max_length=None):
        spooled = getattr(content, "file", None)
        if isinstance(spooled, SpooledTemporaryFile):
            # Django reads the file again after saving (for its dimensions): keep the bytes,
            # close the temporary file now.
            spooled.seek(0)
            content.file = io.BytesIO(spooled.read())
            spooled.close()
        return self.wrapped.save(name, content, max_length=max_length)

    def deconstruct(self):
        return ("cms.storage.RenditionStorage", (), {})


def _delegate(name):
    def method(self, *args, **kwargs):
        return getattr(self.wrapped, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in DELEGATED:
    setattr(RenditionStorage, _name, _delegate(_name))
