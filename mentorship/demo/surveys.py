"""The demo surveys behind `manage.py load_demo`: waves of all five questionnaires over the two
academic years of the demo programme, with personal links and answers.

The previous academic year (the pairs of demo/pairs.py that started then):
- October — entry diagnostics for the mentors and mentees of that year's pairs;
- December — interim satisfaction waves for mentees and for mentors (so that satisfaction has
  answers in the calendar year before the May waves, whatever day the demo is loaded on);
- May — satisfaction waves for mentees and mentors of the pairs still at work, and the exit
  diagnostics for the same people: values of a person who answered both are comparable,
  mostly 0–3 points up, some unchanged, a few down;
- June — the curator questionnaire, answered by the curator, and the wave closed early.

The current academic year:
- October — entry diagnostics for this year's new pairs; the members whose pairs (and
  consents) came later get a second, November wave;
- an interim mentee satisfaction wave opened nine days ago and still open, about 40 % answered
  (the demo mentee's link is left unanswered, for the demo login to fill);
- a mentor wave of mid-October that expired with few answers (about a fifth).

Waves opened after today are left out; nobody answers after yesterday or outside the wave's
dates. Only people whose consent holds on the wave's opening day are invited (the rule of
people.consent_rules.consent_holds, checked on the people plan). A few responses were typed in from
paper by the curator (source «paper», entered_by the `kurator` login).

plan_surveys(plan, today) makes the waves, invitations and response times in memory from the
people and programme plan, drawn from seeded generators (one per wave and person, so one
person's answer never shifts another's). load_surveys(...) writes them after the programme;
the answers are drawn then, against the questionnaires in the database: a question is found by
its text in fixtures/demo/surveys.json, and one the curator has edited or added still gets an
answer that fits its kind. A demo wave is found again by its questionnaire and opening day;
like the programme, the surveys are written whole or not at all.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Avg
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mentorship.lib.dates import academic_year_start
from mentorship.pairs.models import Pair
from mentorship.people.consent_rules import consent_holds_among
from mentorship.people.models import Person
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response, Wave
from mentorship.surveys.models.questionnaires import SCALE_MAX, SCALE_MIN

from .pairs import PairPlan
from .people import Plan
from .plan import CHANGE_REASON, SEED, agree, load_json

MENTOR, MENTEE, CURATOR = Invitation.Role.MENTOR, Invitation.Role.MENTEE, Invitation.Role.CURATOR
PURPOSE = Questionnaire.Purpose

ENTRY, EXIT = "entry-diagnostics", "exit-diagnostics"
MENTEE_SATISFACTION, MENTOR_SATISFACTION = "mentee-satisfaction", "mentor-satisfaction"
CURATOR_FORM = "curator"

OPEN_DAYS_AGO = 9  # the live wave
OPEN_DAYS_LEFT = 12
PAPER_SHARE = {"pupil": 0.25, "other": 0.025}  # school pupils often answer on paper


# --- the plan -------------------------------------------------------------------------------


@dataclass
class ResponsePlan:
    submitted_at: dt.datetime  # naive, local time
    paper: bool
    mood: float  # the respondent's overall satisfaction, 1–10: the scores follow it


@dataclass(eq=False)
class InvitationPlan:
    person: str  # a handle of the people plan
    role: str
    pair: PairPlan | None
    sent_on: dt.date  # the link given: the opening day, or the day the pair was formed
    response: ResponsePlan | None = None


@dataclass(eq=False)
class WavePlan:
    key: str  # stable within a day's plan: seeds the answers
    questionnaire: str  # its code
    title: str
    year: str  # "previous" or "current" academic year
    opened_on: dt.date
    closes_on: dt.date
    closed_early_at: dt.datetime | None = None  # naive, local time
    invitations: list[InvitationPlan] = field(default_factory=list)


def clip_scale(value: float) -> int:
    """A drawn score as an answer on the scale: rounded, within its ends."""
    return max(SCALE_MIN, min(SCALE_MAX, round(value)))


def answers_by_kind(questions: list[Question], *, scale, yes_no, chosen, text) -> list[tuple]:
    """(question, number, text, choice pks) of every question answered, each drawn by the
    function for its kind (each takes the question); a choice or a text drawn empty leaves
    the question unanswered. The participants' and the partners' answerers share it."""
    out = []
    for q in questions:
        number, written, picked = None, "", []
        if q.kind == Question.Kind.SCALE:
            number = scale(q)
        elif q.kind == Question.Kind.YES_NO:
            number = yes_no(q)
        elif q.kind in Question.CHOICE_KINDS:
            picked = chosen(q)
            if not picked:
                continue
        else:
            written = text(q)
            if not written:
                continue
        out.append((q, number, written, picked))
    return out


def _weighted(rng: random.Random, weights: dict) -> object:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class SurveyPlanner:
    def __init__(self, plan: Plan, today: dt.date):
        self.today = today
        self.year = plan.academic_year
        self.prev = self.year.replace(year=self.year.year - 1)
        self.people = {p.handle: p for p in plan.people}
        self.pairs: list[PairPlan] = list(plan.programme.pairs)
        self.rank = {pair: i for i, pair in enumerate(self.pairs)}
        self.ref = load_json("surveys.json")
        self.waves: list[WavePlan] = []

    # helpers ------------------------------------------------------------------------------

    def holds(self, handle: str, on: dt.date) -> bool:
        """The consent rule on the planned consents."""
        p = self.people[handle]
        return consent_holds_among(p.consents, birth_date=p.birth_date, on=on)

    def participants(self, pairs: list[PairPlan], roles: tuple[str, ...]) -> list[tuple]:
        """(handle, role, pair), each person once: in the first of roles, with the pair
        started last (as surveys/waves.py chooses)."""
        rows = []
        for pair in pairs:
            order = (-pair.start.toordinal(), -self.rank[pair])
            if MENTEE in roles:
                rows += [((roles.index(MENTEE), *order), h, MENTEE, pair) for h in pair.mentees]
            if MENTOR in roles:
                rows.append(((roles.index(MENTOR), *order), pair.mentor, MENTOR, pair))
        chosen = {}
        for _, handle, role, pair in sorted(rows, key=lambda row: row[0]):
            chosen.setdefault(handle, (handle, role, pair))
        return [chosen[h] for h in sorted(chosen)]

    def at_work(self, on: dt.date, year: str | None = None) -> list[PairPlan]:
        return [p for p in self.pairs if p.at_work_on(on) and (year is None or p.year == year)]

    def mood(self, year: str, handle: str, role: str, pair: PairPlan | None) -> float:
        """How satisfied a person is in an academic year: mostly 7–10, a few low."""
        rng = random.Random(f"{SEED}/surveys/mood/{year}/{handle}")
        low, mean = (0.06, 9.05) if role == MENTEE else (0.05, 8.4)
        if rng.random() < low:
            value = rng.uniform(4.0, 6.5)
        else:
            value = min(9.9, max(6.5, rng.gauss(mean, 0.7)))
        if pair is not None and pair.inactive:
            value -= 1.2
        return value

    def when(self, rng: random.Random, first: dt.date, last: dt.date, hours=(10, 22)):
        """A moment between two days: most people answer in the first days."""
        offset = int(((last - first).days + 1) * rng.random() ** 1.7)
        day = first + dt.timedelta(days=offset)
        return dt.datetime.combine(day, dt.time(rng.randint(*hours), rng.randint(0, 59)))

    def title(self, name: str, day: dt.date) -> str:
        start = academic_year_start(day)
        return self.ref["titles"][name].format(
            year=f"{start.year}/{(start.year + 1) % 100:02d}",
            calendar=day.year,
            month=self.ref["months"][day.month - 1],
        )

    def wave(
        self,
        key: str,
        questionnaire: str,
        title: str,
        year: str,
        opened: dt.date,
        closes: dt.date,
        invitees: list[tuple],
        rate,
        mood_shift: float = 0.0,
        unanswered: tuple[str, ...] = (),
    ) -> WavePlan | None:
        """A wave of the invitees whose consent holds on its opening day; rate: the share
        that answers, or a function of the handle giving it."""
        if opened > self.today:
            return None
        wave = WavePlan(key, questionnaire, title, year, opened, closes)
        last = min(closes, self.today - dt.timedelta(days=1))
        for handle, role, pair in invitees:
            if not self.holds(handle, opened):
                continue
            sent = max(opened, pair.start) if pair is not None else opened
            invitation = InvitationPlan(handle, role, pair, sent)
            wave.invitations.append(invitation)
            rng = random.Random(f"{SEED}/surveys/{key}/{handle}")
            share = rate(handle) if callable(rate) else rate
            answers, paper = rng.random() < share, rng.random()
            if not answers or handle in unanswered or last < sent:
                continue
            p = self.people[handle]
            paper_share = PAPER_SHARE["pupil" if p.kind == Person.Kind.PUPIL else "other"]
            invitation.response = ResponsePlan(
                submitted_at=self.when(rng, sent, last),
                paper=role != CURATOR and paper < paper_share,
                mood=self.mood(year, handle, role, pair) + mood_shift,
            )
        if not wave.invitations:
            return None
        self.waves.append(wave)
        return wave

    # the waves ----------------------------------------------------------------------------

    def build_previous_year(self):
        prev = self.prev
        pairs = [p for p in self.pairs if p.year == "previous"]
        both = (MENTEE, MENTOR)

        opened = prev + dt.timedelta(days=35)
        entry = self.wave(
            "previous/entry",
            ENTRY,
            self.title("entry", opened),
            "previous",
            opened,
            prev + dt.timedelta(days=75),
            self.participants(pairs, both),
            rate=0.86,
        )

        # Satisfaction in December (the plan half done: a little lower) and in May.
        for stage, opened, days, mood_shift, mentee_rate, mentor_rate in (
            ("midyear", dt.date(prev.year, 12, 8), 14, -0.2, 0.8, 0.76),
            ("final", dt.date(prev.year + 1, 5, 12), 17, 0.0, 0.86, 0.9),
        ):
            at_work = self.at_work(opened, "previous")
            for role, code, rate in (
                (MENTEE, MENTEE_SATISFACTION, mentee_rate),
                (MENTOR, MENTOR_SATISFACTION, mentor_rate),
            ):
                key = f"{stage}_{role}"
                self.wave(
                    f"previous/{key}",
                    code,
                    self.title(key, opened),
                    "previous",
                    opened,
                    opened + dt.timedelta(days=days),
                    self.participants(at_work, (role,)),
                    rate=rate,
                    mood_shift=mood_shift,
                )

        # The exit diagnostics: the same people; those who answered the entry mostly do.
        entered = {i.person for i in entry.invitations if i.response} if entry else set()
        opened = dt.date(prev.year + 1, 5, 19)
        self.wave(
            "previous/exit",
            EXIT,
            self.title("exit", opened),
            "previous",
            opened,
            opened + dt.timedelta(days=21),
            self.participants(at_work, both),
            rate=lambda handle: 0.92 if handle in entered else 0.55,
        )

        opened = dt.date(prev.year + 1, 6, 15)
        curator = self.wave(
            "previous/curator",
            CURATOR_FORM,
            self.title("curator", opened),
            "previous",
            opened,
            dt.date(prev.year + 1, 6, 30),
            [("curator", CURATOR, None)],
            rate=1.0,
        )
        if curator and curator.invitations[0].response:
            # Answered on the second day at work; the curator closed her wave then.
            response = curator.invitations[0].response
            response.submitted_at = dt.datetime.combine(
                opened + dt.timedelta(days=2), dt.time(10, 40)
            )
            curator.closed_early_at = response.submitted_at + dt.timedelta(minutes=35)

    def build_current_year(self):
        year, today = self.year, self.today
        new = [p for p in self.pairs if p.year == "current"]
        both = (MENTEE, MENTOR)

        # Entry diagnostics in October for the new pairs; members whose pair or consent came
        # later answer the November wave.
        opened, closes = year + dt.timedelta(days=45), year + dt.timedelta(days=76)
        members = self.participants(new, both)
        first = [m for m in members if m[2].start <= closes and self.holds(m[0], opened)]
        self.wave(
            "current/entry",
            ENTRY,
            self.title("entry", opened),
            "current",
            opened,
            closes,
            first,
            rate=0.88,
        )
        invited = {m[0] for m in first} if opened <= today else set()
        opened = year + dt.timedelta(days=79)
        self.wave(
            "current/entry_late",
            ENTRY,
            self.title("entry_late", opened),
            "current",
            opened,
            year + dt.timedelta(days=100),
            [m for m in members if m[0] not in invited],
            rate=0.85,
        )

        # A mentor wave of mid-October that expired with few answers.
        opened, closes = year + dt.timedelta(days=44), year + dt.timedelta(days=58)
        if closes < today:
            self.wave(
                "current/low_mentor",
                MENTOR_SATISFACTION,
                self.title("low_mentor", opened),
                "current",
                opened,
                closes,
                self.participants(self.at_work(opened), (MENTOR,)),
                rate=0.2,
            )

        # The live wave: opened nine days ago, open for twelve more; the demo mentee's link
        # waits for the demo login.
        opened = max(year, today - dt.timedelta(days=OPEN_DAYS_AGO))
        self.wave(
            "current/open_mentee",
            MENTEE_SATISFACTION,
            self.title("open_mentee", opened),
            "current",
            opened,
            today + dt.timedelta(days=OPEN_DAYS_LEFT),
            self.participants(self.at_work(opened), (MENTEE,)),
            rate=0.4,
            unanswered=("mentee",),
        )

    def build(self) -> list[WavePlan]:
        self.build_previous_year()
        self.build_current_year()
        return self.waves


def plan_surveys(plan: Plan, today: dt.date) -> list[WavePlan]:
    """The demo waves for the people and programme plan of `today` (see the module doc)."""
    return SurveyPlanner(plan, today).build()


# --- the answers ----------------------------------------------------------------------------


# Diagnostics: where people start (entry) and how much they move by the exit.
ENTRY_LEVEL = {MENTEE: (5.6, 1.1), MENTOR: (7.4, 0.8)}
EXIT_CHANGE = {
    MENTEE: {-2: 2, -1: 6, 0: 18, 1: 32, 2: 27, 3: 15},
    MENTOR: {-1: 5, 0: 42, 1: 36, 2: 15, 3: 2},
    "stalled": {-1: 15, 0: 50, 1: 30, 2: 5},
}
SCALE_BIAS = {
    # The plan is half done in December and mostly done in May.
    "В какой мере выполнен ваш индивидуальный план?": -0.3,
    "В какой мере выполнен индивидуальный план наставляемого?": -0.4,
    "Оцените поддержку куратора программы наставничества.": 0.3,
    "Насколько достаточной была ваша подготовка (обучение) для работы наставником?": -0.5,
}
CURATOR_SCORES = {  # the curator's own view of the year
    "Оцените качество подбора наставнических пар.": 8,
    "Оцените вовлечённость наставников.": 8,
    "Оцените вовлечённость наставляемых.": 7,
}
FALLBACK_TEXT = "Затрудняюсь ответить."

# The entry values are drawn in this order, so a parameter added by the curator ("_other")
# does not move the others.
PARAMETER_DRAW_ORDER = [
    "motivation",
    "career_clarity",
    "involvement",
    "adaptation",
    "communication",
    "teamwork",
    "professional_confidence",
    "climate",
    "_other",
]


@dataclass
class _Context:
    wave: WavePlan
    purpose: str
    invitation: InvitationPlan
    gender: str
    rng: random.Random
    facts: dict  # {pairs} and {groups} of the curator's year


class _Answerer:
    def __init__(self, ref: dict):
        self.ref = ref
        self.texts = {spec["question"]: spec for spec in ref["texts"]}
        self.pinned: set[int] = set()  # questions whose pinned text is given

    def entry_values(self, year: str, handle: str, role: str) -> dict[str, int]:
        """A participant's entry value of every parameter, drawn the same in both waves."""
        rng = random.Random(f"{SEED}/surveys/diagnostics/{year}/{handle}")
        mean, spread = ENTRY_LEVEL.get(role, ENTRY_LEVEL[MENTEE])
        base = rng.gauss(mean, spread)
        return {code: clip_scale(base + rng.gauss(0, 1.1)) for code in PARAMETER_DRAW_ORDER}

    def diagnostic(self, q: Question, c: _Context) -> int:
        i = c.invitation
        code = q.parameter if q.parameter in PARAMETER_DRAW_ORDER else "_other"
        value = self.entry_values(c.wave.year, i.person, i.role)[code]
        if c.purpose == PURPOSE.EXIT:
            stalled = i.pair is not None and i.pair.inactive
            change = _weighted(c.rng, EXIT_CHANGE["stalled" if stalled else i.role])
            value = clip_scale(value + change)
        return value

    def scale(self, q: Question, c: _Context) -> int:
        if q.parameter and c.purpose in (PURPOSE.ENTRY, PURPOSE.EXIT):
            return self.diagnostic(q, c)
        if c.purpose == PURPOSE.CURATOR:
            return CURATOR_SCORES.get(q.text, 8)
        mood = c.invitation.response.mood
        return clip_scale(mood + SCALE_BIAS.get(q.text, 0.0) + c.rng.gauss(0, 0.75))

    def yes_no(self, q: Question, c: _Context) -> int:
        spec = self.ref["yes_no"].get(q.text, {"base": 0.7, "per_point": 0.05})
        mood = c.invitation.response.mood
        chance = min(0.98, max(0.03, spec["base"] + spec["per_point"] * (mood - 8.3)))
        return int(c.rng.random() < chance)

    def chosen(self, q: Question, c: _Context) -> list[int]:
        choices = list(q.choices.all())
        spec = self.ref["choices"].get(q.text, {})
        weights = dict(spec.get("weights", {}))
        pair = c.invitation.pair
        if pair is not None:
            weights.update(spec.get("by_form", {}).get(pair.form, {}))
            if pair.inactive and "stalled" in spec:
                weights = dict(spec["stalled"])
        low, high = spec.get("picks", [1, 1] if q.kind == Question.Kind.SINGLE else [1, 2])
        if q.kind == Question.Kind.SINGLE:
            low = high = 1
        if q.required:
            low = max(low, 1)
        n = min(c.rng.randint(low, high), len(choices))
        pool = {choice.pk: weights.get(choice.text, 0 if weights else 1) for choice in choices}
        if not any(pool.values()):
            pool = dict.fromkeys(pool, 1)
        picked = []
        while len(picked) < n and any(pool.values()):
            pk = _weighted(c.rng, pool)
            picked.append(pk)
            pool[pk] = 0
        return picked

    def text(self, q: Question, c: _Context) -> str:
        spec = self.texts.get(q.text)
        by_form = spec.get(c.invitation.role) if spec else None
        if by_form is None:
            return FALLBACK_TEXT if q.required else ""
        if not q.required and c.rng.random() >= spec["share"]:
            return ""
        form = c.invitation.pair.form if c.invitation.pair else "default"
        options = by_form.get("default", []) + by_form.get(form, [])
        text = agree(c.rng.choice(options), c.gender)
        pinned = spec.get("pinned", {}).get(c.invitation.role)
        if pinned and q.pk not in self.pinned:
            self.pinned.add(q.pk)
            text = agree(pinned, c.gender)
        for name, value in c.facts.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def answers(self, questions: list[Question], c: _Context) -> list[tuple]:
        """(question, number, text, choice pks) of every question answered."""
        return answers_by_kind(
            questions,
            scale=lambda q: self.scale(q, c),
            yes_no=lambda q: self.yes_no(q, c),
            chosen=lambda q: self.chosen(q, c),
            text=lambda q: self.text(q, c),
        )


# --- writing it -----------------------------------------------------------------------------


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment)


def _morning(day: dt.date) -> dt.datetime:
    return _aware(dt.datetime.combine(day, dt.time(9, 0)))


class _SurveyWriter:
    def __init__(self, waves: list[WavePlan], plan: Plan, people: dict[str, Person], result):
        self.waves = waves
        self.plan = plan
        self.people = people
        self.result = result
        self.curator = people["curator"].user
        self.genders = {p.handle: p.gender for p in plan.people}
        self.questionnaires = {
            q.code: q
            for q in Questionnaire.objects.filter(code__in={w.questionnaire for w in waves})
        }
        self.questions = {
            code: list(q.questions.prefetch_related("choices").order_by("order", "pk"))
            for code, q in self.questionnaires.items()
        }
        self.answerer = _Answerer(load_json("surveys.json"))

    def count(self, model, n: int):
        if n:
            self.result.created[model._meta.verbose_name_plural] += n

    def pair_ids(self) -> dict[PairPlan, int] | None:
        """The saved demo pairs of the invitations; None if any is missing."""
        saved = {
            (mentor, form, start): pk
            for pk, mentor, form, start in Pair.objects.values_list(
                "pk", "mentor__person_id", "form__code", "start_date"
            )
        }
        out = {}
        for wave in self.waves:
            for i in wave.invitations:
                if i.pair is None:
                    continue
                key = (self.people[i.pair.mentor].pk, i.pair.form, i.pair.start)
                if key not in saved:
                    return None
                out[i.pair] = saved[key]
        return out

    def facts(self) -> dict:
        previous = [p for p in self.plan.programme.pairs if p.year == "previous"]
        return {
            "pairs": len(previous),
            "groups": sum(len(p.mentees) > 1 for p in previous),
        }

    def run(self, pair_ids: dict[PairPlan, int]):
        waves = []
        for plan in self.waves:
            wave = Wave(
                questionnaire=self.questionnaires[plan.questionnaire],
                title=plan.title,
                opened_on=plan.opened_on,
                closes_on=plan.closes_on,
                closed_early_at=_aware(plan.closed_early_at) if plan.closed_early_at else None,
                created_by=self.curator,
            )
            waves.append(wave)
        Wave.objects.bulk_create(waves)
        for wave in waves:
            wave.created_at = _morning(wave.opened_on)
        Wave.objects.bulk_update(waves, ["created_at"])
        self.count(Wave, len(waves))

        invitations, sent_on, pending = [], [], []
        for plan, wave in zip(self.waves, waves, strict=True):
            for i in plan.invitations:
                person = self.people[i.person]
                invitation = Invitation(
                    wave=wave,
                    person=person,
                    pair_id=pair_ids[i.pair] if i.pair else None,
                    role=i.role,
                    email_sent_at=_morning(i.sent_on) if person.email else None,
                )
                invitations.append(invitation)
                sent_on.append(i.sent_on)
                if i.response:
                    pending.append((plan, i, invitation))
        Invitation.objects.bulk_create(invitations)
        for invitation, day in zip(invitations, sent_on, strict=True):
            invitation.created_at = _morning(day)
        Invitation.objects.bulk_update(invitations, ["created_at"], batch_size=500)
        self.count(Invitation, len(invitations))
        self.write_responses(pending)

    def write_responses(self, pending: list[tuple]):
        facts = self.facts()
        responses, rows = [], []
        for plan, i, invitation in pending:
            r = i.response
            submitted = _aware(r.submitted_at)
            response = Response(
                invitation=invitation,
                submitted_at=submitted,
                source=Response.Source.PAPER if r.paper else Response.Source.ONLINE,
                entered_by=self.curator if r.paper else None,
            )
            response._history_date = submitted
            if r.paper:
                response._history_user = self.curator
            responses.append(response)
            questionnaire = self.questionnaires[plan.questionnaire]
            context = _Context(
                wave=plan,
                purpose=questionnaire.purpose,
                invitation=i,
                gender=self.genders[i.person],
                rng=random.Random(f"{SEED}/surveys/{plan.key}/{i.person}/answers"),
                facts=facts,
            )
            rows.append(self.answerer.answers(self.questions[plan.questionnaire], context))
        bulk_create_with_history(responses, Response, default_change_reason=CHANGE_REASON)
        self.count(Response, len(responses))

        answers, picks = [], []
        for response, answered in zip(responses, rows, strict=True):
            for question, number, text, chosen in answered:
                answers.append(
                    Answer(response=response, question=question, number=number, text=text)
                )
                picks.append(chosen)
        Answer.objects.bulk_create(answers)
        Through = Answer.choices.through
        Through.objects.bulk_create(
            Through(answer_id=answer.pk, choice_id=pk)
            for answer, chosen in zip(answers, picks, strict=True)
            for pk in chosen
        )
        self.count(Answer, len(answers))


def load_surveys(plan: Plan, people: dict[str, Person], result, today: dt.date) -> None:
    """Write the demo waves of `today` (see the module doc) after the programme; people:
    handle -> the saved Person of the people plan."""
    waves = plan_surveys(plan, today)
    codes = set(Questionnaire.objects.values_list("code", flat=True))
    waves = [w for w in waves if w.questionnaire in codes]
    planned = {(w.questionnaire, w.opened_on) for w in waves}
    existing = set(Wave.objects.values_list("questionnaire__code", "opened_on"))
    if planned <= existing:
        return
    if existing:
        result.notes.append(
            "Опросы не добавлены: в базе уже есть другие опросы (открытые вручную или "
            "демо-данные, загруженные раньше на другую дату)."
        )
        return
    writer = _SurveyWriter(waves, plan, people, result)
    pair_ids = writer.pair_ids()
    if pair_ids is None:
        result.notes.append("Опросы не добавлены: в базе нет демонстрационных пар и групп.")
        return
    writer.run(pair_ids)


# --- reporting ------------------------------------------------------------------------------


def survey_totals(today: dt.date) -> dict:
    waves = Wave.objects.all()
    open_now = waves.filter(Wave.open_q(today)).count()
    responses = Response.objects.all()
    scores = dict(
        Answer.objects.filter(question__is_satisfaction=True, number__isnull=False)
        .values_list("question__questionnaire__audience")
        .annotate(mean=Avg("number"))
        .order_by()
    )
    return {
        "waves": waves.count(),
        "open": open_now,
        "invitations": Invitation.objects.count(),
        "responses": responses.count(),
        "paper": responses.filter(source=Response.Source.PAPER).count(),
        "answers": Answer.objects.count(),
        "mentees": scores.get(Questionnaire.Audience.MENTEE),
        "mentors": scores.get(Questionnaire.Audience.MENTOR),
        "unanswered_open": Invitation.objects.filter(
            Wave.open_q(today, "wave__"), response__isnull=True
        ).count(),
    }


def _decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def summary_lines() -> list[str]:
    """Lines of the load_demo summary about the surveys, as the database has it today."""
    t = survey_totals(timezone.localdate())
    return [
        f"  Опросы: {t['waves']} (открыты сейчас {t['open']}, неотвеченных ссылок в них "
        f"{t['unanswered_open']}), персональных ссылок {t['invitations']}, заполненных анкет "
        f"{t['responses']} (с бумажных {t['paper']}), ответов на вопросы {t['answers']}; "
        f"средний балл удовлетворённости: наставляемые {_decimal(t['mentees'])}, "
        f"наставники {_decimal(t['mentors'])}.",
    ]
