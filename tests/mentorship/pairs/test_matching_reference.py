"""The fast matching (one int per option, points from the pool's tables, a lazy greedy)
against a straightforward reference: score() of every mentor in every form, sorted by
Match.sort_key(), and the greedy re-ranking every option at every step. Generated lists with
few distinct values, so that totals, places, names and forms tie often."""

import random
from dataclasses import replace

import pytest

from mentorship.pairs import matching
from mentorship.pairs.matching import FormSpec, Match, MenteeNeed, MentorCandidate, Topic
from mentorship.pairs.matching.scoring import _capacity_points

from .test_matching import FORMS

TOPICS = [Topic(i, name) for i, name in enumerate(["Б", "А", "В", "Г", "А"], start=1)]
SPECIALTIES = ["", "21.02.17 Подземная разработка", "21.02.17 подземная", "Экономика", "экономика"]
KINDS = ["student", "alumnus", "teacher", "employee", "pupil"]
NAMES = ["Иванов И.", "Петров П.", "Сидоров С."]
# A form of no shipped kind: a student mentor of any course, a learner mentee of 2–3 course.
ODD = FormSpec(
    "odd",
    "Любая",
    frozenset({"student", "teacher"}),
    frozenset({"student", "pupil", "teacher"}),
    mentor_course_min=2,
    mentee_course_min=2,
    mentee_course_max=3,
    mentor_senior_course=True,
)
ALL_FORMS = {**FORMS, ODD.code: ODD}


def reference_suggestions(mentee, mentors, forms, rejected=frozenset()):
    best: dict[int, Match] = {}
    for form in matching.forms_for(mentee, forms):
        for mentor in mentors:
            match = matching.score(mentee, mentor, form)
            if not match.is_candidate or (mentee.id, mentor.id) in rejected:
                continue
            if mentor.id not in best or match.total > best[mentor.id].total:
                best[mentor.id] = match
    return sorted(best.values(), key=Match.sort_key)


def reference_propose(mentees, mentors, forms, rejected=frozenset()):
    options = {m.id: reference_suggestions(m, mentors, forms, rejected) for m in mentees}
    left = {mentor.id: mentor.capacity_left for mentor in mentors}
    order = sorted(
        (m for m in mentees if options[m.id]),
        key=lambda m: (len(options[m.id]), -options[m.id][0].total, m.name, m.id),
    )
    matches = []
    for mentee in order:
        ranked = [
            (
                (
                    -o.total + _capacity_points(o.mentor.capacity_left) - _capacity_points(p),
                    -p,
                    o.mentor.name,
                    o.mentor.id,
                ),
                o,
            )
            for o in options[mentee.id]
            if (p := left[o.mentor.id]) > 0
        ]
        if ranked:
            chosen = min(ranked, key=lambda item: item[0])[1]
            mentor = replace(chosen.mentor, capacity_left=left[chosen.mentor.id])
            matches.append(matching.score(mentee, mentor, chosen.form))
            left[chosen.mentor.id] -= 1
    return sorted(matches, key=lambda m: (m.mentee.name, m.mentee.id))


def generated(seed: int, n_mentors: int = 60, n_mentees: int = 40):
    rnd = random.Random(seed)
    codes = list(ALL_FORMS)

    def course(kind):
        return rnd.choice([None, 1, 2, 3, 4]) if kind in ("student", "pupil") else None

    mentors = []
    for i in range(n_mentors):
        kind = rnd.choice(KINDS)
        mentors.append(
            MentorCandidate(
                id=i + 1,
                person_id=i + 1,
                name=rnd.choice(NAMES),
                kind=kind,
                form_codes=frozenset(rnd.sample(codes, rnd.choice([0, 0, 1, 2]))),
                competency_ids=frozenset(t.id for t in rnd.sample(TOPICS, rnd.randint(0, 3))),
                specialty=rnd.choice(SPECIALTIES),
                course=course(kind),
                age=rnd.choice([17, 19, 25, 40]),
                experience_years=rnd.choice([None, 0, 3, 10]),
                organisation_id=rnd.choice([None, 7]),
                capacity_left=rnd.choice([-1, 0, 1, 1, 2, 3, 4]),
                approved=rnd.random() > 0.1,
                consent_ok=rnd.random() > 0.1,
            )
        )
    mentees = []
    for i in range(n_mentees):
        kind = rnd.choice(KINDS)
        requests = tuple(rnd.sample(TOPICS, rnd.randint(0, 3)))
        if requests and rnd.random() < 0.1:
            requests += (requests[0],)  # the same topic twice
        mentees.append(
            MenteeNeed(
                id=1000 + i,
                # Some mentees are mentors too: never their own mentor.
                person_id=rnd.choice([None, 2000 + i, rnd.randint(1, n_mentors)]),
                name=rnd.choice(NAMES),
                kind=kind,
                desired_form=rnd.choice([None, None, *codes, "gone"]),
                requests=requests,
                specialty=rnd.choice(SPECIALTIES),
                course=course(kind),
                age=rnd.choice([15, 16, 18, 30]),
                experience_years=rnd.choice([None, 0, 2]),
                consent_ok=rnd.random() > 0.05,
                busy_forms=frozenset(rnd.sample(codes, rnd.choice([0, 0, 1]))),
            )
        )
    rejected = frozenset(
        (m.id, rnd.randint(1, n_mentors)) for m in mentees for _ in range(rnd.randint(0, 2))
    )
    return mentees, mentors, rejected


@pytest.mark.parametrize("seed", range(12))
def test_suggestions_and_proposal_are_the_reference(seed):
    mentees, mentors, rejected = generated(seed)
    forms = ALL_FORMS if seed % 3 else {"odd": ODD, **FORMS}  # another order of the forms
    pool = matching.MentorPool(mentors, forms)
    for reject in (frozenset(), rejected):
        for mentee in mentees:
            expected = reference_suggestions(mentee, mentors, forms, reject)
            assert matching.suggestions(mentee, mentors, forms, rejected=reject) == expected
            for limit in (1, 3):
                assert matching.ranked_suggestions(
                    mentee, mentors, forms, rejected=reject, pool=pool, limit=limit
                ) == (len(expected), expected[:limit])
        proposal = matching.propose(mentees, mentors, forms, rejected=reject)
        assert list(proposal.matches) == reference_propose(mentees, mentors, forms, reject)
        proposed = {m.mentee.id for m in proposal.matches}
        assert [u.mentee.id for u in proposal.unmatched] == [
            m.id for m in sorted(mentees, key=lambda m: (m.name, m.id)) if m.id not in proposed
        ]


def test_generated_lists_tie_and_block():
    """The generated data reaches the cases the comparison is for."""
    mentees, mentors, rejected = generated(0)
    found = [matching.suggestions(m, mentors, ALL_FORMS) for m in mentees]
    totals = [[match.total for match in f] for f in found]
    assert any(len(t) != len(set(t)) for t in totals)  # equal totals within a list
    assert any(not f for f in found) and sum(map(len, found)) > 100
    assert any(m.person_id in {c.person_id for c in mentors} for m in mentees)
