"""Roadmaps for the roadmap tests: a period, its sections, activities with any deadline."""

import datetime as dt

from roadmap import schedule
from roadmap.models import Activity, ActivityYearDone, Roadmap, Section

D = dt.date
START, END = D(2025, 6, 1), D(2027, 6, 30)


def roadmap_make(start=START, end=END, title="Дорожная карта 2025–2027"):
    roadmap = Roadmap.objects.create(title=title, start_date=start, end_date=end)
    Section.objects.create(
        roadmap=roadmap,
        order=1,
        stage=1,
        title="Подготовка условий для запуска программы наставничества",
        task="Задача этапа – создание благоприятных условий для запуска программы наставничества",
    )
    Section.objects.create(roadmap=roadmap, order=8, title="Информационное сопровождение")
    return roadmap


def activity_make(
    roadmap,
    deadline: str,
    *,
    section=None,
    status="planned",
    completed_on=None,
    responsible="Куратор",
    title=None,
    **fields,
):
    section = section or roadmap.sections.order_by("order").first()
    values = schedule.deadline_parse(deadline).fields()
    return Activity.objects.create(
        roadmap=roadmap,
        section=section,
        title=title or f"Мероприятие со сроком «{deadline}»",
        responsible=responsible,
        status=status,
        completed_on=completed_on,
        **values,
        **fields,
    )


def year_done(activity, year, completed_on, **fields):
    return ActivityYearDone.objects.create(
        activity=activity, year=year, completed_on=completed_on, **fields
    )
