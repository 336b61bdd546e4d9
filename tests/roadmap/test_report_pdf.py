"""The yearly KPI report's PDF of the hand-counted year (report_data.year_make): what it
says. The year is built and its PDF rendered once for the module (the render takes a second)
inside a transaction rolled back at the module's end; every test reads the same PDF."""

import pytest
from django.db import transaction

from roadmap.kpi import KpiStatus
from roadmap.models import Indicator
from roadmap.report import report_data_build, report_pdf_render
from tests.lib.pdf_files import pdf_fonts, pdf_pages, pdf_text

from .report_data import COLLEGE, OVERDUE_TITLE, SPECIAL_MENTEE, TODAY, YEAR, year_make

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
        year_make()
        data = report_data_build(YEAR, today=TODAY)
        pdf = report_pdf_render(data)
        yield data, pdf, pdf_text(pdf)
        transaction.set_rollback(True)


def flat(text: str) -> str:
    """As pdf_text gives it: every run of whitespace (no-break spaces too) one space."""
    return " ".join(text.split())


def test_report_prints_every_indicator_with_its_numbers_in_its_row(report):
    data, _pdf, text = report
    assert len(data.kpi) == Indicator.objects.count() == 16
    for line in data.kpi:
        row = (
            f"{line.number} {line.name} {line.formula} {line.target_text} {line.actual_text} "
            f"{line.counts_text} {line.status_label}"
        )
        assert flat(row) in text, line.name


def test_report_numbers_are_the_hand_counted_ones(report):
    data, _pdf, text = report
    lines = {line.row.computation: line for line in data.kpi}
    students = lines["mentees_students"]
    assert (students.target_text, students.actual_text, students.counts_text) == (
        "30\xa0%",
        "50\xa0%",
        "2 / 4",
    )
    assert students.row.status is KpiStatus.MET
    teachers = lines["mentors_teachers"]
    assert (teachers.actual_text, teachers.counts_text) == ("33,3\xa0%", "1 / 3")
    assert teachers.row.status is KpiStatus.NOT_MET
    assert lines["mentee_satisfaction"].actual_text == "90\xa0%"
    assert "Целевые значения установлены для 2 из 16 показателей; выполнено 1" in text
    assert "50 % 2 / 4 выполнен" in text
    assert "33,3 % 1 / 3 не выполнен" in text


def test_report_title_page_names_the_organisation_and_the_year(report):
    _data, pdf, text = report
    assert text.startswith(flat(COLLEGE["full_name"]))
    assert "УТВЕРЖДАЮ Директор ______________ А.В. Громов" in text
    assert "ОТЧЁТ о реализации программы наставничества за 2025 год" in text
    assert "г. Кемерово 2026" in text
    assert "Показатели эффективности" in text
    assert "Отчётный период: 01.01.2025 – 31.12.2025. Данные на 01.03.2026." in text
    pages = pdf_pages(pdf)
    assert pages >= 3
    # Page numbers from the second page on; the title page has none.
    assert f"2 из {pages}" in text and f"1 из {pages}" not in text


def test_report_sections_carry_the_years_figures(report):
    _data, _pdf, text = report
    # Participants and pairs by form: teacher–student 1 active, 1 mentor, 2 mentees.
    assert "Педагог – студент 0 1 0 0 1 1 2" in text
    assert "Студент – ученик 0 0 1 0 1 1 1" in text
    assert "Работодатель – студент 1 0 0 0 1 0 0" in text  # forming: no mentor counted yet
    # By category: 3 mentees, 2 mentors, 5 people; ОВЗ 1 mentee; сирота 1.
    assert "Всего участников 3 2 5" in text
    assert "ОВЗ / инвалидность 1 0 1" in text
    assert "Сирота 1 0 1" in text
    # Satisfaction.
    assert "Наставляемые 90 % 2 9 100 %" in text
    assert "Наставники 60 % 1 6 0 %" in text
    # Entry / exit: motivation +2 (4 and 0) over 2, teamwork −1; the pupil has no entry.
    assert "Параметр Студент – ученик Педагог – студент Все формы Участников сравнено 0 2 2" in text
    assert "развиваться в выбранной профессии? — +2 1 из 2 +2 1 из 2" in text
    assert "работать в команде. — −1 0 из 1 −1 0 из 1" in text
    assert "без входной анкеты для сравнения: 1" in text
    # Roadmap: 4 due in 2025 (cancelled aside), 2 in time, 1 late, 1 not done.
    assert "Выполнено в срок: 2 из 4 мероприятий, срок которых наступил (50 %)" in text
    assert "Итого 4 2 1 1 0" in text
    assert f"1 {OVERDUE_TITLE}" in text
    assert f"{OVERDUE_TITLE} 15.12.2025 Куратор, Заместитель директора 76" in text
    # Achievements: Р 1 winner 1 participant, Г 1 prize.
    assert "Р — региональный 1 0 0 1 2" in text
    assert "Всего 1 1 0 1 3" in text
    # Signatures.
    assert "Директор А.В. Громов" in text
    assert "Куратор программы наставничества Е.Н. Петрова" in text


def test_report_chart_text_is_text(report):
    data, _pdf, text = report
    assert not data.chart.is_empty
    assert "факт 50 · цель 30" in text
    assert "факт 33,3 · цель 60" in text
    assert "целевое значение" in text


def test_report_embeds_our_fonts(report):
    _data, pdf, _text = report
    fonts = pdf_fonts(pdf)
    assert fonts and all(name.startswith("DejaVu-Sans-Doc") for name in fonts)
    assert all(font["emb"] for font in fonts.values())


def test_report_names_no_person(report):
    """Categories are counted, people are not named: not the one with ОВЗ, not anyone."""
    _data, _pdf, text = report
    assert SPECIAL_MENTEE not in text
    assert "Студентов" not in text and "Педагогова" not in text
