"""File storages outside any public URL: their files are served only by views that check
the role. Each keeps its folder under MEDIA_ROOT and follows MEDIA_ROOT when it changes."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self, folder: str, base_url: str):
        self.folder = folder
        super().__init__(base_url=base_url)

    @cached_property
    def base_location(self):
        # Recomputed when MEDIA_ROOT changes (FileSystemStorage clears it on setting_changed).
        return os.path.join(settings.MEDIA_ROOT, self.folder)
