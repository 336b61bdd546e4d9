"""Settings of `make bench` and its measuring processes: the production settings with the
bench installed.

The bench is not in mentorship.settings: `generate_college --flush` wipes people, pairs,
surveys and the roadmap, and no production database should be one command away from that.
`make bench` sets DJANGO_SETTINGS_MODULE to this module, and the processes it starts get the
same (mentorship/bench/run/databases.py).
"""

from mentorship.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "mentorship.bench"]  # noqa: F405
# The product's URLs and the bench's floors beside them (mentorship/bench/urls.py).
ROOT_URLCONF = "mentorship.bench.urls"
