"""Back-dating what a test built: reports on a past period read people, profiles and
organisations as they stood then (mentorship.lib.history), so a test that builds a past year
«now» dates the history rows of what it built in that year, as if it had been entered then.
"""

import datetime as dt

from mentorship.lib.history import start_of_day
from mentorship.pairs.models import Pair
from mentorship.people.models import MenteeProfile, MentorProfile, PartnerOrganisation, Person

TRACKED = (Person, MentorProfile, MenteeProfile, PartnerOrganisation, Pair)


def history_back_date(day: dt.date, *models) -> None:
    """Every history row of the models (by default the people, their profiles, the partner
    organisations and the pairs) dated 00:00 of `day`; their order stays their write
    order."""
    for model in models or TRACKED:
        model.history.update(history_date=start_of_day(day))
