"""Headers of curators' own files that several people bases share: what education
department and HR lists call a birth date, a phone, an e-mail. Each base's other synonyms
sit beside its columns. One synonym names one column of a base (tests check it)."""

BIRTH_DATE = (
    "Дата рожд.",
    "Дата рожд",
    "Д.р.",
    "Д/р",
    "ДР",
    "Дата рождения (дд.мм.гггг)",
    "Дата рождения (дд.мм.гг)",
    "День рождения",
    "Число, месяц, год рождения",
)
MIDDLE_NAME = ("Отчество (при наличии)", "Отчество (если есть)")
PHONE = (
    "Моб. телефон",
    "Мобильный телефон",
    "Сотовый телефон",
    "Контактный телефон",
    "Телефон (моб.)",
    "Телефон контактный",
    "Номер телефона",
    "Тел.",
    "Тел",
)
EMAIL = (
    "E-mail",
    "Е-mail",  # typed with a Cyrillic «Е»
    "Эл. почта",
    "Эл.почта",
    "Электронная почта",
    "Адрес электронной почты",
    "Адрес эл. почты",
    "Почта",
    "Mail",
)
