"""«ФИО» in one cell split into surname, first name and patronymic (lib.names)."""

import pytest

from mentorship.lib.names import (
    FullName,
    decline_full_name,
    decline_name,
    gender_of,
    split_full_name,
)
from mentorship.lib.text import clean_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Иванов Иван Иванович", ("Иванов", "Иван", "Иванович")),
        # spacing and case tidied as the people base stores names
        ("  иванов\xa0 иван   иванович ", ("Иванов", "Иван", "Иванович")),
        ("ИВАНОВА МАРИЯ ПЕТРОВНА", ("Иванова", "Мария", "Петровна")),
        ("Семёнов Пётр Алексеевич", ("Семёнов", "Пётр", "Алексеевич")),
        # a Latin look-alike «a» pasted into a Cyrillic surname
        ("Ивaнов Иван Иванович", ("Иванов", "Иван", "Иванович")),
        # double surname, hyphenated first name
        ("Петрова-Водкина Анна Сергеевна", ("Петрова-Водкина", "Анна", "Сергеевна")),
        ("петрова - водкина анна сергеевна", ("Петрова-Водкина", "Анна", "Сергеевна")),
        ("Петрова–Водкина Анна Сергеевна", ("Петрова-Водкина", "Анна", "Сергеевна")),
        ("Смирнова Анна-Мария Игоревна", ("Смирнова", "Анна-Мария", "Игоревна")),
        # no patronymic
        ("Смирнова Ольга", ("Смирнова", "Ольга", "")),
        ("Smith John", ("Smith", "John", "")),
        # Turkic patronymics: two words, the particle in lower case
        ("Мамедов Рашид Али оглы", ("Мамедов", "Рашид", "Али оглы")),
        ("МАМЕДОВ РАШИД АЛИ ОГЛЫ", ("Мамедов", "Рашид", "Али оглы")),
        ("Алиева Лейла Гасан кызы", ("Алиева", "Лейла", "Гасан кызы")),
        ("Гусейнов Эльчин Рза-оглы", ("Гусейнов", "Эльчин", "Рза-оглы")),
        # a comma between the parts
        ("Иванов, Иван Иванович", ("Иванов", "Иван", "Иванович")),
        ("Иванов,Иван,Иванович", ("Иванов", "Иван", "Иванович")),
        ("Иванов Иван, Иванович", ("Иванов", "Иван", "Иванович")),
        # an apostrophe inside a name
        ("Д'Арк Жанна", ("Д'арк", "Жанна", "")),
    ],
)
def test_split_full_name(text, expected):
    assert split_full_name(text) == FullName(*expected)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Иванов И. И.", "инициалы вместо имени или отчества"),
        ("Иванов И.И.", "инициалы вместо имени или отчества"),
        ("Иванов Иван И.", "инициалы вместо имени или отчества"),
        ("Иванов И И", "инициалы вместо имени или отчества"),
        ("Иванов", "одно слово, а нужны хотя бы фамилия и имя"),
        ("  иванов, ", "одно слово, а нужны хотя бы фамилия и имя"),
        ("Петрова Водкина Анна Сергеевна", "больше трёх слов"),
        ("Мамедов Али оглы", "не хватает имени перед отчеством"),
        ("Мамедов оглы Рашид", "«оглы» или «кызы» пишут в конце"),
        ("Иванов Иван 2", "только буквы, дефис и пробелы"),
        ("Иванов (Петров) Иван", "только буквы, дефис и пробелы"),
        ("", "пустая ячейка"),
        (None, "пустая ячейка"),
    ],
)
def test_split_full_name_refuses_what_it_cannot_split_saying_what_is_expected(text, reason):
    with pytest.raises(ValueError) as error:
        split_full_name(text)
    message = str(error.value)
    assert reason in message
    assert "ожидается «Фамилия Имя Отчество»" in message
    assert "например «Иванов Иван Иванович»" in message


def test_refusal_quotes_the_cell_as_the_curator_typed_it():
    with pytest.raises(ValueError, match="^«Иванов И. И.» — "):
        split_full_name(" Иванов  И. И. ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("али оглы", "Али оглы"),
        ("АЛИ-ОГЛЫ", "Али-оглы"),
        ("гасан кызы", "Гасан кызы"),
        # first in the text the word is a name, not a particle
        ("оглы", "Оглы"),
        ("анна  мария", "Анна Мария"),
    ],
)
def test_clean_name_keeps_the_turkic_particle_in_lower_case(text, expected):
    """The people base stores a patronymic from a split «ФИО» and one typed into the
    «Отчество» column alike."""
    assert clean_name(text) == expected


# --- declension --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "man", "woman"),
    [
        ("nominative", "Иванов Иван Иванович", "Петрова Анна Сергеевна"),
        ("genitive", "Иванова Ивана Ивановича", "Петровой Анны Сергеевны"),
        ("dative", "Иванову Ивану Ивановичу", "Петровой Анне Сергеевне"),
        ("accusative", "Иванова Ивана Ивановича", "Петрову Анну Сергеевну"),
        ("instrumental", "Ивановым Иваном Ивановичем", "Петровой Анной Сергеевной"),
        ("prepositional", "Иванове Иване Ивановиче", "Петровой Анне Сергеевне"),
    ],
)
def test_decline_full_name_in_every_case(case, man, woman):
    assert decline_full_name("Иванов Иван Иванович", case) == man
    assert decline_full_name("Петрова Анна Сергеевна", case) == woman


@pytest.mark.parametrize(
    ("name", "declined"),
    [
        ("Мамедов Рашид Али оглы", "Мамедова Рашида Али оглы"),
        ("Алиева Лейла Гасан кызы", "Алиеву Лейлу Гасан кызы"),
        ("Петрова-Водкина Анна-Мария Ильинична", "Петрову-Водкину Анну-Марию Ильиничну"),
        ("Ёлкин Максим Олегович", "Ёлкина Максима Олеговича"),
        ("Шевченко Илья Кузьмич", "Шевченко Илью Кузьмича"),
    ],
)
def test_decline_full_name_handles_turkic_hyphenated_and_indeclinable_names(name, declined):
    assert decline_full_name(name, "accusative") == declined


@pytest.mark.parametrize(
    ("middle_name", "gender"),
    [
        ("Иванович", "male"),
        ("Ильич", "male"),
        ("Али оглы", "male"),
        ("Сергеевна", "female"),
        ("Ильинична", "female"),
        ("Гасан кызы", "female"),
        ("", None),
        ("Джон", None),
    ],
)
def test_gender_is_read_from_the_patronymic(middle_name, gender):
    assert gender_of(middle_name) == gender


def test_a_name_of_unknown_gender_or_unsplittable_stays_as_stored():
    # Without a patronymic a woman's name would be declined as a man's: kept as it is.
    assert decline_full_name("Смирнова Ольга", "accusative") == "Смирнова Ольга"
    # Initials without a surname of a known kind (Шевченко does not decline): as written.
    assert decline_full_name("Т.Г. Шевченко", "accusative") == "Т.Г. Шевченко"
    assert decline_name("Иванов", "Иван", "", "dative") == "Иванов Иван"


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError, match="Неизвестный падеж"):
        decline_full_name("Иванов Иван Иванович", "vocative")


@pytest.mark.parametrize(
    ("name", "case", "declined"),
    [
        # The College card keeps the director and the curator as «И.О. Фамилия».
        ("Е.Н. Петрова", "accusative", "Е.Н. Петрову"),
        ("Е.Н. Петрова", "dative", "Е.Н. Петровой"),
        ("А.В. Громов", "accusative", "А.В. Громова"),
        ("А.В. Громов", "dative", "А.В. Громову"),
        ("Е. В. Соколова", "genitive", "Е. В. Соколовой"),
        ("Громов А.В.", "accusative", "Громова А.В."),
        ("И.И. Пушкин", "instrumental", "И.И. Пушкиным"),
        ("О.Л. Вознесенская", "accusative", "О.Л. Вознесенскую"),
        ("О.Л. Петрова-Водкина", "accusative", "О.Л. Петрову-Водкину"),
        ("Е.Н. Петрова", "nominative", "Е.Н. Петрова"),
        ("Т.Г. Шевченко", "dative", "Т.Г. Шевченко"),
    ],
)
def test_a_surname_with_initials_is_declined_by_its_ending(name, case, declined):
    assert decline_full_name(name, case) == declined


def test_gender_is_read_from_a_surname_when_no_patronymic_is_shown():
    from mentorship.lib.names import decline_initials_name, gender_of_surname

    assert gender_of_surname("Петрова") == "female"
    assert gender_of_surname("Вознесенский") == "male"
    assert gender_of_surname("Ким") is None
    assert decline_initials_name("Петрова Елена Николаевна", "dative") is None


# Where the declension library errs and lib/names corrects it: «Ольгы», an undeclined
# «Никита», a declined «Черных».
@pytest.mark.parametrize(
    ("name", "case", "declined"),
    [
        ("Смирнова Ольга Петровна", "genitive", "Смирновой Ольги Петровны"),
        ("Лукина Инга Олеговна", "genitive", "Лукиной Инги Олеговны"),
        ("Иванов Никита Сергеевич", "genitive", "Иванова Никиты Сергеевича"),
        ("Иванов Никита Сергеевич", "accusative", "Иванова Никиту Сергеевича"),
        ("Иванов Никита Сергеевич", "instrumental", "Ивановым Никитой Сергеевичем"),
        ("Петров Миша Ильич", "instrumental", "Петровым Мишей Ильичем"),
        ("Орлов Лука Ильич", "genitive", "Орлова Луки Ильича"),
        ("Кузнецов Илья Ильич", "dative", "Кузнецову Илье Ильичу"),
        ("Черных Фома Ильич", "genitive", "Черных Фомы Ильича"),
        ("Седых Инга Олеговна", "dative", "Седых Инге Олеговне"),
    ],
)
def test_the_librarys_errors_are_corrected(name, case, declined):
    assert decline_full_name(name, case) == declined


def test_a_surname_in_ih_with_initials_stays_as_written():
    assert decline_full_name("И.И. Черных", "genitive") == "И.И. Черных"
