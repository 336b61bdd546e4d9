"""Matching mentees with mentors: a score with its reasons for one mentee, and a proposal
for a whole waiting list.

The scoring is pure: small frozen records in (records.py), a Match or a Proposal out
(scoring.py), no database. Its hard exclusions (blocks.py) word the breaches of
pairs/rules.py, which refuses a pair when it is created, reading the form's rules from its
data; matching only keeps the curator from being offered what the services would refuse.
The loaders (loaders.py) build the records from the database in a fixed number of queries.
Import from here.
"""

from .blocks import NO_CONSENT, mentee_blocks, mentor_blocks, pair_blocks
from .loaders import (
    READY_MENTOR_STATUSES,
    WaitingRow,
    current_load,
    form_specs,
    mentee_need,
    mentee_needs,
    mentee_queryset,
    mentor_candidates,
    mentor_queryset,
    waiting_rows,
)
from .records import (
    FormSpec,
    Match,
    MenteeNeed,
    MentorCandidate,
    Proposal,
    Reason,
    Topic,
    Unmatched,
)
from .scoring import (
    MAX_SCORE,
    MentorPool,
    forms_for,
    propose,
    ranked_suggestions,
    score,
    suggestions,
    why_unmatched,
)
from .wording import specialty_key

__all__ = [
    "MAX_SCORE",
    "NO_CONSENT",
    "READY_MENTOR_STATUSES",
    "FormSpec",
    "Match",
    "MenteeNeed",
    "MentorCandidate",
    "MentorPool",
    "Proposal",
    "Reason",
    "Topic",
    "Unmatched",
    "WaitingRow",
    "current_load",
    "form_specs",
    "forms_for",
    "mentee_blocks",
    "mentee_need",
    "mentee_needs",
    "mentee_queryset",
    "mentor_blocks",
    "mentor_candidates",
    "mentor_queryset",
    "pair_blocks",
    "propose",
    "ranked_suggestions",
    "score",
    "specialty_key",
    "suggestions",
    "waiting_rows",
    "why_unmatched",
]
