"""What a curator may type in each kind of column, and the Russian reason when not (the
generic widgets; the people base's own are in tests/mentorship/people)."""

import datetime as dt

import pytest
from django.utils import timezone

from mentorship.imports.widgets import (
    ChoiceWidget,
    DateWidget,
    FlagWidget,
    IntegerWidget,
    LongTextWidget,
    NamedListWidget,
    NamedWidget,
    NameWidget,
    TextWidget,
)
from mentorship.lib.xlsx import FormulaProblem
from mentorship.people.models import Competency, MentoringForm, Person


@pytest.mark.parametrize(
    "value",
    [
        "01.09.2008",
        "1.9.2008",
        " 01.09.2008\xa0",
        39692,
        39692.0,
        "39692",
        dt.datetime(2008, 9, 1, 0, 0),
        dt.date(2008, 9, 1),
        "2008-09-01",
    ],
)
def test_date_widget_reads_every_way_of_writing_a_date(value):
    assert DateWidget(birth_date=True).clean(value) == dt.date(2008, 9, 1)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("31.02.2008", "даты «31.02.2008» не существует"),
        ("завтра", "«завтра» — не дата; ожидается ДД.ММ.ГГГГ"),
        (dt.time(10, 30), "это время, а не дата"),
    ],
)
def test_date_widget_names_the_problem(value, reason):
    with pytest.raises(ValueError, match=reason):
        DateWidget().clean(value)


def test_date_widget_refuses_future_birth_date():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValueError, match="в будущем"):
        DateWidget(birth_date=True).clean(tomorrow.strftime("%d.%m.%Y"))


def test_date_widget_refuses_birth_date_over_100_years_ago():
    with pytest.raises(ValueError, match="больше 100 лет назад"):
        DateWidget(birth_date=True).clean("01.01.1900")


def test_date_widget_empty_cell_is_none():
    assert DateWidget().clean(None) is None
    assert DateWidget().clean("  ") is None


@pytest.mark.parametrize("value", ["да", "Да", " ДА ", "+", "1", 1, 1.0, True])
def test_flag_widget_true(value):
    assert FlagWidget().clean(value) is True


@pytest.mark.parametrize("value", ["нет", "НЕТ", "-", "–", "0", 0, False, None, "", "\xa0"])
def test_flag_widget_false(value):
    assert FlagWidget().clean(value) is False


@pytest.mark.parametrize("value", ["может быть", "y", 2])
def test_flag_widget_lists_allowed_values(value):
    with pytest.raises(ValueError, match=r"допустимо: да, нет, \+, -, 1, 0 или пустая ячейка"):
        FlagWidget().clean(value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("обучающийся", Person.Kind.STUDENT),
        ("ОБУЧАЮЩИЙСЯ", Person.Kind.STUDENT),
        ("  Школьник ", Person.Kind.PUPIL),
        ("Сотрудник\xa0 предприятия", Person.Kind.EMPLOYEE),
    ],
)
def test_choice_widget_takes_russian_label_in_any_case(value, kind):
    assert ChoiceWidget(Person.Kind.choices).clean(value) == kind


def test_choice_widget_empty_cell_is_its_empty_value():
    assert ChoiceWidget(Person.Kind.choices).clean("  ") is None  # a required choice
    # A choice the model may leave blank: "" as the model stores it, never None.
    assert ChoiceWidget(Person.StudyForm.choices, empty_value="").clean(None) == ""


@pytest.mark.parametrize(
    ("value", "form"),
    [
        ("Очная", Person.StudyForm.FULL_TIME),
        ("заочная ", Person.StudyForm.EXTRAMURAL),
        ("очно-заочная", Person.StudyForm.PART_TIME),
        ("Очно — заочная", Person.StudyForm.PART_TIME),
    ],
)
def test_choice_widget_reads_forms_of_study_with_dashes_and_spaces(value, form):
    assert ChoiceWidget(Person.StudyForm.choices).clean(value) == form


def test_choice_widget_lists_allowed_labels():
    with pytest.raises(ValueError) as error:
        ChoiceWidget(Person.Kind.choices).clean("студент")
    assert str(error.value) == (
        "«студент» — нет такого значения; допустимо: обучающийся, школьник, педагог, "
        "сотрудник предприятия, выпускник, родитель"
    )


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("  иванов  ", "Иванов"),
        ("Иван\xa0\xa0Петрович", "Иван Петрович"),
        ("ИBAHOB", "ИВАНОВ".capitalize()),  # Latin В, А, Н, О among Cyrillic
        ("римский-корсаков", "Римский-Корсаков"),
        ("Семёнов", "Семёнов"),
    ],
)
def test_name_widget_normalises_spacing_case_and_lookalikes(value, cleaned):
    assert NameWidget().clean(value) == cleaned


def test_text_widget_reads_numbers_as_text():
    assert TextWidget().clean(79001234567) == "79001234567"
    assert TextWidget().clean(79001234567.0) == "79001234567"
    assert TextWidget().clean("+7\xa0900  123-45-67") == "+7 900 123-45-67"
    assert TextWidget().clean(None) == ""


def test_long_text_widget_keeps_line_breaks():
    assert LongTextWidget().clean(" Помогу\xa0 с практикой \r\n\nи дипломом ") == (
        "Помогу с практикой\n\nи дипломом"
    )


@pytest.mark.parametrize("value", ["1", 1, 6.0, " 3 "])
def test_integer_widget_course(value):
    assert IntegerWidget(1, 6).clean(value) == int(float(value))


@pytest.mark.parametrize("value", ["7", 0, 2.5, "второй", True])
def test_integer_widget_out_of_range(value):
    with pytest.raises(ValueError, match="ожидается целое число от 1 до 6"):
        IntegerWidget(1, 6).clean(value)


def test_every_widget_refuses_an_uncomputed_formula():
    problem = FormulaProblem("=A1+1")
    for widget in (TextWidget(), DateWidget(), FlagWidget(), IntegerWidget(1, 6)):
        with pytest.raises(ValueError, match="формула без вычисленного значения"):
            widget.clean(problem)


@pytest.mark.django_db
def test_named_list_widget_splits_on_semicolon_and_matches_dashes():
    widget = NamedListWidget(MentoringForm, "формы наставничества")
    forms = widget.clean("студент - студент;  Педагог – студент ;")
    assert [form.code for form in forms] == ["student-student", "teacher-student"]


@pytest.mark.django_db
def test_named_list_widget_lists_every_unknown_name():
    widget = NamedListWidget(Competency, "компетенции")
    with pytest.raises(ValueError) as error:
        widget.clean("Проектная деятельность; Вязание; Кулинария")
    assert "нет такой компетенции: «Вязание», «Кулинария»" in str(error.value)


@pytest.mark.django_db
def test_named_widget_finds_one_row_and_names_what_is_allowed():
    widget = NamedWidget(MentoringForm, "формы наставничества")
    assert widget.clean(" Студент – студент ").code == "student-student"
    with pytest.raises(ValueError, match="«Вязание» — нет такой формы наставничества; допустимо: "):
        widget.clean("Вязание")


@pytest.mark.django_db
def test_named_widget_reason_for_an_unknown_name_may_be_replaced():
    class LoadFirst(NamedWidget):
        def unknown(self, name):
            return f"«{name}» ещё не загружена"

    with pytest.raises(ValueError, match="^«Вязание» ещё не загружена$"):
        LoadFirst(MentoringForm, "формы наставничества").clean("Вязание")
