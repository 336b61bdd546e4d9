"""The partners' voice in the demo: a wave of the partner organisations' questionnaire
(«partner», migration surveys/0006) in the running academic year, with a personal link for
every demo partner organisation that has a contact person and answers from most of them, so
the wave's «results per organisation» show data.

The wave opens in mid-October of the running year and takes answers for three weeks; loaded
earlier in the year, it opened ten days ago (not before 1 September) and is still open. The
organisations fixtures/demo/partners.json names «silent» keep their links unanswered; the
others answer between the opening day and yesterday, the contact person on the
organisation's behalf, online. The scores follow the organisation's satisfaction, drawn
from a seeded generator per organisation (higher with an agreement with the college).

Written after the participants' surveys (demo/surveys.py: a database holding other waves
gets none of those) and found again by its questionnaire and opening day: a partner wave
already there is left as it is; another partner wave (opened by hand, or the demo of another
day) means nothing is added, with a note.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mentorship.lib.dates import academic_year_label
from mentorship.people.models import PartnerOrganisation, Person
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response, Wave

from .people import Plan
from .plan import CHANGE_REASON, SEED, load_json
from .surveys import answers_by_kind, clip_scale

CODE = "partner"
OPENS_AFTER = 44  # days after 1 September: mid-October
OPEN_DAYS = 21
FALLBACK_TEXT = "Затрудняюсь ответить."


@dataclass
class PartnerWavePlan:
    title: str
    opened_on: dt.date
    closes_on: dt.date
    # (organisation name, when it answered or None)
    invitations: list[tuple[str, dt.datetime | None]]


def plan_partner_wave(plan: Plan, today: dt.date) -> PartnerWavePlan:
    """The partner wave of `today` in memory (see the module doc)."""
    ref = load_json("partners.json")
    year = plan.academic_year
    opened = min(year + dt.timedelta(days=OPENS_AFTER), today - dt.timedelta(days=10))
    opened = max(opened, year)
    closes = opened + dt.timedelta(days=OPEN_DAYS)
    last = min(closes, today - dt.timedelta(days=1))
    invitations = []
    for org in sorted(plan.organisations, key=lambda o: o["name"]):
        if not org["contact_person"]:
            continue
        rng = random.Random(f"{SEED}/partners/{org['name']}/when")
        answered = None
        if org["name"] not in ref["silent"] and last >= opened:
            offset = int(((last - opened).days + 1) * rng.random() ** 1.5)
            answered = dt.datetime.combine(
                opened + dt.timedelta(days=offset), dt.time(rng.randint(9, 17), rng.randint(0, 59))
            )
        invitations.append((org["name"], answered))
    title = ref["title"].format(year=academic_year_label(year.year))
    return PartnerWavePlan(title, opened, closes, invitations)


class _Answerer:
    def __init__(self, ref: dict, used_texts: set[str]):
        self.ref = ref
        self.used = used_texts

    def answers(self, questions: list[Question], rng: random.Random, mood: float) -> list:
        """(question, number, text, choice pks) of every question answered."""
        return answers_by_kind(
            questions,
            scale=lambda q: self.scale(q, rng, mood),
            yes_no=lambda q: self.yes_no(q, rng, mood),
            chosen=lambda q: self.chosen(q, rng),
            text=lambda q: self.text(q, rng),
        )

    def scale(self, q: Question, rng: random.Random, mood: float) -> int:
        bias = self.ref["scale_bias"].get(q.text, 0.0)
        return clip_scale(mood + bias + rng.gauss(0, 0.7))

    def yes_no(self, q: Question, rng: random.Random, mood: float) -> int:
        spec = self.ref["yes_no"].get(q.text, {"base": 0.8, "per_point": 0.05})
        chance = min(0.98, max(0.05, spec["base"] + spec["per_point"] * (mood - 8.0)))
        return int(rng.random() < chance)

    def chosen(self, q: Question, rng: random.Random) -> list[int]:
        choices = list(q.choices.all())
        spec = self.ref["choices"].get(q.text, {})
        weights = {c.pk: spec.get("weights", {}).get(c.text, 1) for c in choices}
        low, high = spec.get("picks", [1, 2])
        if q.kind == Question.Kind.SINGLE:
            low = high = 1
        n = min(rng.randint(max(low, 1 if q.required else 0), high), len(choices))
        picked = []
        while len(picked) < n:
            pool = [pk for pk in weights if pk not in picked]
            picked.append(rng.choices(pool, weights=[weights[pk] for pk in pool])[0])
        return picked

    def text(self, q: Question, rng: random.Random) -> str:
        spec = self.ref["texts"].get(q.text)
        if spec is None:
            return FALLBACK_TEXT if q.required else ""
        if not q.required and rng.random() >= spec["share"]:
            return ""
        fresh = [t for t in spec["options"] if t not in self.used]
        if not fresh:
            return FALLBACK_TEXT if q.required else ""
        text = rng.choice(fresh)
        self.used.add(text)
        return text


def _morning(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def load_partner_wave(plan: Plan, people: dict[str, Person], result, today: dt.date) -> None:
    """Write the demo partner wave of `today` (see the module doc)."""
    questionnaire = Questionnaire.objects.filter(code=CODE).first()
    if questionnaire is None:
        return
    wave_plan = plan_partner_wave(plan, today)
    waves = set(
        Wave.objects.filter(questionnaire=questionnaire).values_list("opened_on", flat=True)
    )
    if wave_plan.opened_on in waves:
        return
    if waves:
        result.notes.append(
            "Анкета партнёров не добавлена: в базе уже есть другой опрос организаций-партнёров."
        )
        return
    organisations = {
        o.name: o
        for o in PartnerOrganisation.objects.filter(
            name__in=[name for name, _ in wave_plan.invitations]
        )
    }
    rows = [(organisations[n], at) for n, at in wave_plan.invitations if n in organisations]
    if not rows:
        return
    curator = people["curator"].user
    wave = Wave(
        questionnaire=questionnaire,
        title=wave_plan.title,
        opened_on=wave_plan.opened_on,
        closes_on=wave_plan.closes_on,
        created_by=curator,
    )
    wave.full_clean()
    wave.save()
    Wave.objects.filter(pk=wave.pk).update(created_at=_morning(wave.opened_on))
    invitations = Invitation.objects.bulk_create(
        Invitation(
            wave=wave,
            organisation=org,
            role=Invitation.Role.PARTNER,
            email_sent_at=_morning(wave.opened_on) if org.email else None,
        )
        for org, _ in rows
    )
    Invitation.objects.filter(wave=wave).update(created_at=_morning(wave.opened_on))

    ref = load_json("partners.json")
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("order", "pk"))
    answerer = _Answerer(ref, set())
    responses, answered = [], []
    for invitation, (org, at) in zip(invitations, rows, strict=True):
        if at is None:
            continue
        submitted = timezone.make_aware(at)
        response = Response(
            invitation=invitation, submitted_at=submitted, source=Response.Source.ONLINE
        )
        response._history_date = submitted
        responses.append(response)
        rng = random.Random(f"{SEED}/partners/{org.name}/answers")
        mean, spread = ref["mood"]["agreement" if org.agreement_date else "none"]
        mood = min(9.9, max(5.0, rng.gauss(mean, spread)))
        answered.append(answerer.answers(questions, rng, mood))
    bulk_create_with_history(responses, Response, default_change_reason=CHANGE_REASON)
    answers, picks = [], []
    for response, rows_of in zip(responses, answered, strict=True):
        for question, number, text, chosen in rows_of:
            answers.append(Answer(response=response, question=question, number=number, text=text))
            picks.append(chosen)
    Answer.objects.bulk_create(answers)
    Through = Answer.choices.through
    Through.objects.bulk_create(
        Through(answer_id=answer.pk, choice_id=pk)
        for answer, chosen in zip(answers, picks, strict=True)
        for pk in chosen
    )
    for model, n in (
        (Wave, 1),
        (Invitation, len(invitations)),
        (Response, len(responses)),
        (Answer, len(answers)),
    ):
        result.created[model._meta.verbose_name_plural] += n


def summary_lines() -> list[str]:
    """The load_demo summary's line about the partners' questionnaire, as the database has it."""
    waves = Wave.objects.filter(questionnaire__code=CODE).annotate(
        invited=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__response__isnull=False)),
    )
    return [
        f"  Анкета организаций-партнёров «{wave.title}»: ссылок {wave.invited}, "
        f"ответили {wave.answered}."
        for wave in waves.order_by("opened_on", "pk")
    ]
