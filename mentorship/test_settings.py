"""Settings for the test suite: production settings with a throw-away secret, and the bench
installed (tests/bench runs its generator and measuring steps)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")

from mentorship.settings import *  # noqa: E402,F403

INSTALLED_APPS = [*INSTALLED_APPS, "mentorship.bench"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each pytest-xdist worker of a run (PYTEST_XDIST_WORKER: gw0, gw1, …) has a media folder
# of its own, as it has a test database of its own.
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/mentorship-test-media"))  # noqa: F405
MEDIA_ROOT /= os.environ.get("PYTEST_XDIST_WORKER", "")
# No collectstatic before tests: serve from the finders, do not scan STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
IMPORT_TMP_DIR = MEDIA_ROOT / "import-uploads"
