"""A small programme year, counted by hand, for the dashboard and the yearly report tests.

Year 2025, read on 1 March 2026 (a finished year: nothing depends on the clock). Written
straight to the models: the report reads states, not workflows. Each line says what it
counts for.
"""

import datetime as dt
from decimal import Decimal

from mentorship.pairs.models import Achievement, Pair, PairMembership, PairStatusChange
from mentorship.people.models import (
    College,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    PartnerOrganisation,
    Person,
)
from mentorship.surveys.models import Invitation
from roadmap.models import Activity, ActivityYearDone, Indicator, IndicatorTarget, Roadmap, Section
from tests.history_dates import history_back_date
from tests.mentorship.surveys.survey_data import at, diagnostics, satisfaction_answer, wave_make

YEAR = 2025
TODAY = dt.date(2026, 3, 1)
D = dt.date
Kind = Person.Kind

COLLEGE = {
    "full_name": (
        "Государственное профессиональное образовательное учреждение "
        "«Кузбасский горнотехнический колледж»"
    ),
    "short_name": "ГПОУ КГТК",
    "city": "г. Кемерово",
    "director_position": "Директор",
    "director_name": "А.В. Громов",
    "curator_name": "Е.Н. Петрова",
}
# Someone with special categories: the report counts her, never names her.
SPECIAL_MENTEE = "Особенная"
OVERDUE_TITLE = "Провести заседание методического совета по итогам полугодия"


def college_make() -> College:
    college = College.get()
    for field, value in COLLEGE.items():
        setattr(college, field, value)
    college.save()
    return college


def person(name, born, kind=Kind.STUDENT, **fields) -> Person:
    return Person.objects.create(
        last_name=name, first_name="Тест", birth_date=born, kind=kind, **fields
    )


def pair(mentor, mentees, form, start, *, status=Pair.Status.ACTIVE, end=None) -> Pair:
    mentor_profile, _ = MentorProfile.objects.get_or_create(person=mentor)
    extra = {"end_reason": "переезд"} if status == Pair.Status.ENDED_EARLY else {}
    made = Pair.objects.create(
        mentor=mentor_profile,
        form=MentoringForm.objects.get(code=form),
        status=status,
        start_date=start,
        planned_end_date=start + dt.timedelta(days=300),
        end_date=end,
        **extra,
    )
    # The status history pairs/services.py records: formed and activated on the start,
    # closed on the end.
    steps = [("", Pair.Status.FORMING, start)]
    if status != Pair.Status.FORMING:
        steps.append((Pair.Status.FORMING, Pair.Status.ACTIVE, start))
    if status not in Pair.CURRENT_STATUSES:
        steps.append((Pair.Status.ACTIVE, status, end))
    for old, new, on in steps:
        PairStatusChange.objects.create(pair=made, from_status=old, to_status=new, changed_on=on)
    for mentee in mentees:
        profile, _ = MenteeProfile.objects.get_or_create(person=mentee)
        PairMembership.objects.create(
            pair=made,
            mentee=profile,
            form=made.form,
            is_current=status in Pair.CURRENT_STATUSES,
            joined_on=start,
        )
    return made


def set_target(code: str, value, year: int | str = YEAR) -> None:
    """A target for a calendar year (2025) or any period's key («2025/2026»)."""
    IndicatorTarget.objects.create(
        indicator=Indicator.objects.get(computation=code), period=str(year), value=Decimal(value)
    )


def achievement(who, level, result, date):
    return Achievement.objects.create(
        person=who,
        event="Региональный чемпионат «Профессионалы»",
        level=level,
        result=result,
        document=Achievement.Document.DIPLOMA,
        date=date,
    )


def year_make() -> dict:
    """The hand-counted year 2025; returns the people and objects tests look at."""
    college_make()
    organisation = PartnerOrganisation.objects.create(name="АО «Шахта Березовская»")
    # Students (4): two mentees, one mentor, one with no pair.
    s1 = person(SPECIAL_MENTEE, D(2008, 5, 1), has_disability=True, orphan=True)
    s2 = person("Студентов", D(2008, 1, 1), rural=True)
    s3 = person("Старшекурсник", D(2005, 6, 1), course=4)
    person("Безпары", D(2007, 1, 1))
    u1 = person("Школьников", D(2012, 3, 3), kind=Kind.PUPIL)
    t1 = person("Педагогова", D(1975, 1, 1), kind=Kind.TEACHER, experience_years=20)
    person("Учителев", D(1980, 1, 1), kind=Kind.TEACHER, experience_years=15)
    e1 = person("Сотрудников", D(1985, 1, 1), kind=Kind.EMPLOYEE, organisation=organisation)

    teacher_student = pair(t1, [s1, s2], "teacher-student", D(2025, 2, 1))
    student_pupil = pair(
        s3, [u1], "student-pupil", D(2025, 3, 1), status=Pair.Status.FINISHED, end=D(2025, 6, 1)
    )
    pair(e1, [], "employer-student", D(2025, 11, 1), status=Pair.Status.FORMING)
    # A pair of 2023 only: not of 2025.
    old_mentor = person("Прошлогодний", D(1970, 1, 1), kind=Kind.TEACHER)
    old_mentee = person("Выпускников", D(2004, 1, 1), kind=Kind.ALUMNUS)
    pair(
        old_mentor,
        [old_mentee],
        "teacher-student",
        D(2023, 1, 1),
        status=Pair.Status.FINISHED,
        end=D(2023, 12, 1),
    )

    # Targets: students 2 of 4 mentees = 50 % ≥ 30 (met); teachers 1 of 3 = 33,3 % < 60.
    set_target("mentees_students", "30")
    set_target("mentors_teachers", "60")

    # Satisfaction: mentees 8 and 10 (90 %), a mentor 6 (60 %); an answer of 2024 aside.
    mentee_wave = wave_make("mentee-satisfaction", opened_on=D(2025, 5, 1), closes_on=D(2025, 6, 1))
    satisfaction_answer(mentee_wave, s1, Invitation.Role.MENTEE, [8], submitted_at=at(2025, 5, 10))
    satisfaction_answer(mentee_wave, s2, Invitation.Role.MENTEE, [10], submitted_at=at(2025, 5, 11))
    mentor_wave = wave_make("mentor-satisfaction", opened_on=D(2025, 5, 1), closes_on=D(2025, 6, 1))
    satisfaction_answer(mentor_wave, t1, Invitation.Role.MENTOR, [6], submitted_at=at(2025, 5, 12))
    old_wave = wave_make("mentee-satisfaction", opened_on=D(2024, 5, 1), closes_on=D(2024, 6, 1))
    satisfaction_answer(old_wave, u1, Invitation.Role.MENTEE, [1], submitted_at=at(2024, 5, 10))

    # Entry and exit: s1 motivation 3 → 7 (+4), teamwork 5 → 4 (−1); s2 motivation 6 → 6;
    # u1 exits with no entry before.
    entry = wave_make("entry-diagnostics", opened_on=D(2025, 2, 1), closes_on=D(2025, 3, 1))
    exit_ = wave_make("exit-diagnostics", opened_on=D(2025, 5, 1), closes_on=D(2025, 6, 1))
    diagnostics(
        entry, s1, {"motivation": 3, "teamwork": 5}, pair=teacher_student, at=at(2025, 2, 5)
    )
    diagnostics(
        exit_, s1, {"motivation": 7, "teamwork": 4}, pair=teacher_student, at=at(2025, 5, 5)
    )
    diagnostics(entry, s2, {"motivation": 6}, pair=teacher_student, at=at(2025, 2, 6))
    diagnostics(exit_, s2, {"motivation": 6}, pair=teacher_student, at=at(2025, 5, 6))
    diagnostics(exit_, u1, {"motivation": 9}, pair=student_pupil, at=at(2025, 5, 7))

    # Roadmap 2025–2026: stage 1 one done in time, one late; stage 5 one overdue, one
    # cancelled; a yearly activity done in 2025; one due in 2026.
    roadmap = Roadmap.objects.create(
        title="Дорожная карта 2025–2026", start_date=D(2025, 1, 1), end_date=D(2026, 12, 31)
    )
    stage1 = Section.objects.create(
        roadmap=roadmap, order=1, stage=1, title="Подготовка условий для запуска программы"
    )
    stage5 = Section.objects.create(
        roadmap=roadmap, order=5, stage=5, title="Формирование наставнических пар / групп"
    )

    def activity(section, title, kind, status=Activity.Status.PLANNED, **fields):
        return Activity.objects.create(
            roadmap=roadmap,
            section=section,
            title=title,
            responsible="Куратор; заместитель директора",
            deadline_kind=kind,
            status=status,
            **fields,
        )

    done = Activity.Status.DONE
    activity(stage1, "Издать приказ о внедрении", "date", done,
             deadline_date=D(2025, 2, 1), completed_on=D(2025, 1, 20))  # fmt: skip
    activity(stage1, "Разработать положение", "month", done,
             deadline_month=D(2025, 3, 1), completed_on=D(2025, 4, 10))  # fmt: skip
    activity(stage5, OVERDUE_TITLE, "date", deadline_date=D(2025, 12, 15))
    activity(stage5, "Отменённое мероприятие", "date", Activity.Status.CANCELLED,
             deadline_date=D(2025, 6, 1))  # fmt: skip
    yearly = activity(stage5, "Ежегодный отчёт о парах", "yearly", yearly_months=[6])
    ActivityYearDone.objects.create(activity=yearly, year=2025, completed_on=D(2025, 6, 20))
    activity(stage1, "Мероприятие следующего года", "date", deadline_date=D(2026, 9, 1))

    # Achievements of 2025: Р winner, Р participant, Г prize; one of 2024 aside.
    achievement(s1, "Р", "winner", D(2025, 4, 1))
    achievement(s2, "Р", "participant", D(2025, 4, 1))
    achievement(u1, "Г", "prize", D(2025, 10, 1))
    achievement(s2, "В", "winner", D(2024, 4, 1))
    # The registry as it was entered: at the start of 2023, before the oldest pair.
    history_back_date(D(2023, 1, 1))
    return {
        "special": s1,
        "teacher_student": teacher_student,
        "student_pupil": student_pupil,
        "roadmap": roadmap,
        "stage1": stage1,
        "stage5": stage5,
    }


def year_grow(extra: int) -> None:
    """More of everything in 2025 (people, pairs, answers, activities, achievements), for
    the tests that count queries."""
    teacher = person("Доп-педагог", D(1970, 1, 1), kind=Kind.TEACHER)
    mentee_wave = wave_make(
        "mentee-satisfaction", opened_on=D(2025, 9, 1), closes_on=D(2025, 10, 1)
    )
    entry = wave_make("entry-diagnostics", opened_on=D(2025, 9, 1), closes_on=D(2025, 10, 1))
    exit_ = wave_make("exit-diagnostics", opened_on=D(2025, 11, 1), closes_on=D(2025, 12, 1))
    roadmap = Roadmap.objects.first()
    section = roadmap.sections.first()
    for n in range(extra):
        mentee = person(f"Доп-студент-{n}", D(2008, 1, 1), has_disability=n % 2 == 0)
        made = pair(teacher, [mentee], "teacher-student", D(2025, 9, 1))
        satisfaction_answer(
            mentee_wave, mentee, Invitation.Role.MENTEE, [7], submitted_at=at(2025, 9, 10)
        )
        diagnostics(entry, mentee, {"motivation": 4}, pair=made, at=at(2025, 9, 5))
        diagnostics(exit_, mentee, {"motivation": 5}, pair=made, at=at(2025, 11, 5))
        achievement(mentee, "М", "laureate", D(2025, 11, 1))
        Activity.objects.create(
            roadmap=roadmap,
            section=section,
            title=f"Дополнительное мероприятие {n}",
            responsible="Куратор",
            deadline_kind="date",
            deadline_date=D(2025, 10, 1),
        )
