"""What the tests of the demo that load it themselves share: a temporary MEDIA_ROOT for the
scans the demo stores. The tests that read one loaded demo are in loaded/."""

import pytest
from django.test import override_settings


@pytest.fixture(scope="module", autouse=True)
def demo_media(tmp_path_factory):
    """The scans load_demo stores (the register's) go to a temporary MEDIA_ROOT, never to
    the project's; module-wide, so a module's load writes there too."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media):
        yield media
