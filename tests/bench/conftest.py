import pytest


@pytest.fixture
def bench_urls(settings):
    """The bench's URLconf, as its measuring processes have it."""
    settings.ROOT_URLCONF = "mentorship.bench.urls"
