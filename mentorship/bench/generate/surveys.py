"""Survey waves of every academic year with personal links and answers.

Each past year: the entry diagnostics in October for its pairs' mentors and mentees; in May
the satisfaction waves (mentees, mentors) and the exit diagnostics for those still at work.
The current year: the October entry diagnostics (closed by now) and interim waves for
mentees and for mentors opened nine days ago, still open, most links not answered yet.
Only people whose consent held on the opening day are invited. The answer rates are scaled
so that the responses come to about RESPONSES_PER_STUDENT per generated student (≈ 15 000
for 6 000). Link tokens come from the model's own default (surveys.models.waves.new_token):
unique and unguessable, therefore not seeded.
"""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.utils import timezone

from mentorship.demo.plan import agree
from mentorship.people.consent_rules import consent_holds_among
from mentorship.people.models import Person
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response, Wave
from mentorship.surveys.models.questionnaires import SCALE_MAX, SCALE_MIN

from .state import PairRec, State

MENTOR, MENTEE = Invitation.Role.MENTOR, Invitation.Role.MENTEE
RESPONSES_PER_STUDENT = 2.5
OPEN_DAYS_AGO, OPEN_DAYS_LEFT = 9, 12
OPEN_RATE = 0.3
FALLBACK_TEXT = "Затрудняюсь ответить."
ENTRY_LEVEL = {MENTEE: (5.6, 1.1), MENTOR: (7.4, 0.8)}
EXIT_CHANGE = {MENTEE: [-1, 0, 0, 1, 1, 1, 2, 2, 3], MENTOR: [0, 0, 0, 1, 1, 2]}
ANSWER_CHUNK = 2000


def _clip(value: float) -> int:
    return max(SCALE_MIN, min(SCALE_MAX, round(value)))


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment)


@dataclass(eq=False)
class _Wave:
    year: int
    code: str
    title: str
    opened: dt.date
    closes: dt.date
    rate: float
    invitees: list  # [(Who, role, PairRec)]
    obj: Wave | None = None


def _holds(s: State, w, on: dt.date) -> bool:
    """The consent rule as it stood on the day `on`, on the planned consents."""
    return consent_holds_among(
        s.consents.get(id(w.person), ()), birth_date=w.person.birth_date, on=on, as_it_stood=True
    )


def _participants(pairs: list[PairRec], roles) -> list[tuple]:
    """(Who, role, pair) each person once, with the pair started last."""
    chosen = {}
    for pair in sorted(pairs, key=lambda p: p.start, reverse=True):
        if MENTEE in roles:
            for w in pair.mentees:
                chosen.setdefault(id(w), (w, MENTEE, pair))
        if MENTOR in roles:
            chosen.setdefault(id(pair.mentor), (pair.mentor, MENTOR, pair))
    return list(chosen.values())


def _plan_waves(s: State) -> list[_Wave]:
    titles = s.surveys["titles"]
    months = s.surveys["months"]
    both = (MENTEE, MENTOR)
    waves = []
    for year in s.years:
        pairs = [p for p in s.pairs if p.year == year and p.order_date is not None]
        label = f"{year}/{(year + 1) % 100:02d}"
        start = s.year_start(year)
        new = partial(_Wave, year)
        if year != s.year0:
            opened = start + dt.timedelta(days=35)
            closes = opened + dt.timedelta(days=40)
            entry = titles["entry"].format(year=label)
            waves.append(
                new("entry-diagnostics", entry, opened, closes, 0.86, _participants(pairs, both))
            )
            may = dt.date(year + 1, 5, 12)
            at_work = [p for p in pairs if p.at_work_on(may)]
            for code, key, role, rate in (
                ("mentee-satisfaction", "final_mentee", MENTEE, 0.86),
                ("mentor-satisfaction", "final_mentor", MENTOR, 0.9),
            ):
                title, closes = titles[key].format(year=label), may + dt.timedelta(days=17)
                waves.append(new(code, title, may, closes, rate, _participants(at_work, (role,))))
            opened = dt.date(year + 1, 5, 19)
            closes = opened + dt.timedelta(days=21)
            title = titles["exit"].format(year=label)
            waves.append(
                new("exit-diagnostics", title, opened, closes, 0.8, _participants(at_work, both))
            )
            continue
        opened, closes = start + dt.timedelta(days=45), start + dt.timedelta(days=76)
        if opened <= s.today:
            early = [p for p in pairs if p.start <= closes]
            entry = titles["entry"].format(year=label)
            waves.append(
                new("entry-diagnostics", entry, opened, closes, 0.88, _participants(early, both))
            )
        # Two interim waves still open: most links unanswered, for the bench's load of
        # online submissions.
        opened = max(start, s.today - dt.timedelta(days=OPEN_DAYS_AGO))
        closes = s.today + dt.timedelta(days=OPEN_DAYS_LEFT)
        at_work = [p for p in pairs if p.at_work_on(opened)]
        month = {"month": months[opened.month - 1], "calendar": opened.year}
        for code, key, role in (
            ("mentee-satisfaction", "open_mentee", MENTEE),
            ("mentor-satisfaction", "low_mentor", MENTOR),
        ):
            title = titles[key].format(**month)
            waves.append(
                new(code, title, opened, closes, OPEN_RATE, _participants(at_work, (role,)))
            )
    for wave in waves:
        wave.invitees = [i for i in wave.invitees if _holds(s, i[0], wave.opened)]
    return [w for w in waves if w.invitees and w.opened <= s.today]


class _Answerer:
    def __init__(self, s: State):
        self.s = s
        self.ref = s.surveys
        self.texts = {spec["question"]: spec for spec in self.ref["texts"]}
        self.levels: dict[tuple, int] = {}

    def entry_value(self, year, w, role, parameter) -> int:
        """A participant's level of a parameter at the start of a year: the same in the
        entry and the exit diagnostics (which adds the change)."""
        key = (year, w.person.natural_key, role, parameter)
        if key not in self.levels:
            rng = self.s.rng("diagnostics", *key)
            mean, spread = ENTRY_LEVEL[role]
            self.levels[key] = _clip(rng.gauss(mean, spread))
        return self.levels[key]

    def answers(self, rng, questions, purpose, wave, w, role, pair, mood) -> list[tuple]:
        out = []
        for q in questions:
            number, text, picked = None, "", []
            if q.kind == Question.Kind.SCALE:
                if q.parameter and purpose in (
                    Questionnaire.Purpose.ENTRY,
                    Questionnaire.Purpose.EXIT,
                ):
                    number = self.entry_value(wave.year, w, role, q.parameter)
                    if purpose == Questionnaire.Purpose.EXIT:
                        number = _clip(number + rng.choice(EXIT_CHANGE[role]))
                else:
                    number = _clip(mood + rng.gauss(0, 0.75))
            elif q.kind == Question.Kind.YES_NO:
                spec = self.ref["yes_no"].get(q.text, {"base": 0.7, "per_point": 0.05})
                chance = min(0.98, max(0.03, spec["base"] + spec["per_point"] * (mood - 8.3)))
                number = int(rng.random() < chance)
            elif q.kind in Question.CHOICE_KINDS:
                picked = self.chosen(rng, q)
                if not picked:
                    continue
            else:
                text = self.text(rng, q, w, role, pair)
                if not text:
                    continue
            out.append((q, number, text, picked))
        return out

    def chosen(self, rng, q) -> list[int]:
        choices = q.bench_choices
        if not choices:
            return []
        spec = self.ref["choices"].get(q.text, {})
        weights = spec.get("weights", {})
        low, high = spec.get("picks", [1, 1] if q.kind == Question.Kind.SINGLE else [1, 2])
        if q.kind == Question.Kind.SINGLE:
            low = high = 1
        if not q.required and rng.random() < 0.3:
            return []
        pool = [c for c in choices if weights.get(c.text, 0 if weights else 1)]
        if not pool:
            pool = list(choices)
        n = min(rng.randint(max(low, 1), high), len(pool))
        picked = []
        while len(picked) < n:
            c = rng.choices(pool, [weights.get(c.text, 1) or 1 for c in pool])[0]
            picked.append(c.pk)
            pool.remove(c)
        return picked

    def text(self, rng, q, w, role, pair) -> str:
        spec = self.texts.get(q.text)
        by_form = spec.get(role) if spec else None
        if by_form is None:
            return FALLBACK_TEXT if q.required else ""
        if not q.required and rng.random() >= spec["share"]:
            return ""
        options = by_form.get("default", []) + by_form.get(pair.form if pair else "", [])
        if not options:
            return FALLBACK_TEXT if q.required else ""
        return agree(rng.choice(options), w.gender)


def write_surveys(s: State) -> None:
    waves = _plan_waves(s)
    questionnaires = {q.code: q for q in Questionnaire.objects.all()}
    waves = [w for w in waves if w.code in questionnaires]
    questions = {}
    for code, questionnaire in questionnaires.items():
        rows = list(questionnaire.questions.prefetch_related("choices").order_by("order", "pk"))
        for q in rows:
            q.bench_choices = list(q.choices.all())
        questions[code] = rows
    for wave in waves:
        wave.obj = Wave(
            questionnaire=questionnaires[wave.code],
            title=wave.title,
            opened_on=wave.opened,
            closes_on=wave.closes,
            created_by=s.curator,
        )
    s.bulk(Wave, [w.obj for w in waves])

    expected = sum(w.rate * len(w.invitees) for w in waves)
    target = RESPONSES_PER_STUDENT * s.sizes.students
    scale = min(1.0, target / expected) if expected else 1.0
    yesterday = s.today - dt.timedelta(days=1)
    invitations, pending = [], []
    for wave in waves:
        for w, role, pair in wave.invitees:
            sent = max(wave.opened, pair.start)
            invitation = Invitation(
                wave_id=wave.obj.pk,
                person_id=w.person.pk,
                pair_id=pair.obj.pk,
                role=role,
                email_sent_at=_aware(dt.datetime.combine(sent, dt.time(9, 0)))
                if w.person.email
                else None,
            )
            invitations.append(invitation)
            rng = s.rng("surveys", wave.code, wave.opened, w.person.natural_key)
            last = min(wave.closes, yesterday)
            if rng.random() >= wave.rate * scale or last < sent:
                continue
            offset = int(((last - sent).days + 1) * rng.random() ** 1.7)
            moment = dt.datetime.combine(
                sent + dt.timedelta(days=offset), dt.time(rng.randint(10, 22), rng.randint(0, 59))
            )
            paper_share = 0.25 if w.kind == Person.Kind.PUPIL else 0.025
            paper = rng.random() < paper_share
            low, mean = (0.06, 9.05) if role == MENTEE else (0.05, 8.4)
            mood = (
                rng.uniform(4.0, 6.5)
                if rng.random() < low
                else min(9.9, max(6.5, rng.gauss(mean, 0.7)))
            )
            if pair.inactive:
                mood -= 1.2
            response = Response(
                invitation=invitation,  # saved first, below
                submitted_at=_aware(moment),
                source=Response.Source.PAPER if paper else Response.Source.ONLINE,
                entered_by=s.curator if paper else None,
            )
            pending.append((response, wave, w, role, pair, mood, rng))
    s.bulk(Invitation, invitations)
    s.bulk(Response, [response for response, *_rest in pending])

    answerer = _Answerer(s)
    for start in range(0, len(pending), ANSWER_CHUNK):
        answers, picks = [], []
        for response, wave, w, role, pair, mood, rng in pending[start : start + ANSWER_CHUNK]:
            purpose = wave.obj.questionnaire.purpose
            for q, number, text, chosen in answerer.answers(
                rng, questions[wave.code], purpose, wave, w, role, pair, mood
            ):
                answers.append(
                    Answer(response_id=response.pk, question_id=q.pk, number=number, text=text)
                )
                picks.append(chosen)
        s.bulk(Answer, answers)
        s.bulk_links(Answer.choices, answers, picks)
