"""xlsx import/export of roadmap activities and of KPI targets, on the people bases' rules:
exact Russian headers, Excel row numbers in every error, a preview that writes nothing,
all rows or none (mentorship.imports.resources)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from mentorship.imports.resources import (
    Column,
    ImportRejected,
    RelatedSetColumn,
    XlsxResource,
    labels,
)
from mentorship.imports.widgets import (
    CellWidget,
    ChoiceWidget,
    DateWidget,
    LongTextWidget,
    TextWidget,
    match_key,
)
from mentorship.lib.periods import ReportPeriod
from mentorship.lib.text import clean_spaces, plural
from mentorship.lib.xlsx import FormulaProblem

from . import schedule
from .models import Activity, Indicator, IndicatorTarget, Roadmap, Section
from .models.roadmaps import STAGES


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- roadmap activities ----------------------------------------------------------------------

STAGE_TITLES = dict(STAGES)
# «2», «2.», «Этап 2», «ЭТАП 2. Формирование базы наставляемых», «7 Информационная поддержка»
_STAGE_NUMBER = re.compile(r"^(?:этап\s*)?(\d{1,2})(?:\s*[.):]\s*|\s+|$)(.*)$", re.S)
# «… Задача этапа – создание благоприятных условий …» in seed 004's stage rows.
_STAGE_TASK = re.compile(r"\s*\bзадача(?:\s+этапа)?\s*[–—−-]\s*", re.I)
_PAIRS = r"\bпар(?:ы|а|ам|ами|ах)?\b"
# A stage's title as roadmaps word it, by what it is about (checked in this order):
# «4. Формирование наставнических пар/групп» is stage 5 whatever number it carries.
_STAGE_MEANINGS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (7, (r"\bзаверш",)),
    (6, (r"\bорганизаци[яи]\b", rf"{_PAIRS}|\bхода?\b|\bработ")),
    (5, (r"\bформирова", _PAIRS)),
    (4, (r"\bотбор|\bобучени[ея]\s+наставник",)),
    (1, (r"\bподготовк", r"\bуслови")),
    (2, (r"\b(?:баз|банк)", r"\bнаставляем")),
    (3, (r"\b(?:баз|банк)", r"\bнаставник")),
)


def stage_of_title(title: object) -> int | None:
    """The stage (1–7) a section's title names, by meaning — «Формирование Банка
    наставляемых» is stage 2, «Организация хода программы …» stage 6 — or None for a
    section of the roadmap's own («Информационная поддержка системы наставничества»)."""
    key = match_key(title)
    for stage, patterns in _STAGE_MEANINGS:
        if all(re.search(pattern, key) for pattern in patterns):
            return stage
    return None


@dataclass(frozen=True)
class SectionRef:
    """What the «Этап» cell names: a stage 1–7, or a free section by its title. `title` is
    the file's own wording (a stage's standard title when the cell gives only its number);
    `task` the stage's task when the cell has one («Задача этапа – …»)."""

    stage: int | None
    title: str
    task: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        return f"stage:{self.stage}" if self.stage else f"title:{match_key(self.title)}"

    @classmethod
    def of(cls, section: Section) -> SectionRef:
        return cls(stage=section.stage, title=section.title)


class SectionWidget(CellWidget):
    """«2», «Этап 2», «Этап 2. Формирование базы наставляемых», a stage's title as roadmaps
    word it, or the title of a section outside the stages («Информационное сопровождение»).
    The title decides the stage; the number only when there is no title."""

    def parse(self, value) -> SectionRef:
        if isinstance(value, bool):
            raise ValueError("ожидается номер этапа 1–7 или название раздела")
        if isinstance(value, int | float):
            if float(value).is_integer() and 1 <= int(value) <= 7:
                return SectionRef(int(value), STAGE_TITLES[int(value)])
            raise ValueError(f"«{value}» — этапов семь: номер от 1 до 7 или название раздела")
        text = clean_spaces(value)
        text, task = (_STAGE_TASK.split(text, maxsplit=1) + [""])[:2]
        text = text.strip(" .;")
        match = _STAGE_NUMBER.match(text.lower())
        title = text[match.start(2) :].strip(" .") if match else text
        if not title:
            number = int(match.group(1)) if match else 0
            if 1 <= number <= 7:
                return SectionRef(number, STAGE_TITLES[number], task)
            raise ValueError(f"«{text}» — этапов семь: номер от 1 до 7")
        if len(title) > Section._meta.get_field("title").max_length:
            raise ValueError("название раздела длиннее 300 знаков")
        return SectionRef(stage_of_title(title), title, task)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        standard = value.stage and value.title == STAGE_TITLES[value.stage]
        if value.stage and (standard or stage_of_title(value.title) != value.stage):
            return value.stage if kwargs.get("force_native_type") else str(value.stage)
        return value.title


class SectionColumn(Column):
    """The activity's stage or section; a missing one is added to the roadmap (the preview
    says so)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolve = None  # set by the resource: SectionRef -> Section

    def get_value(self, instance):
        section = getattr(instance, "section", None) if instance.section_id else None
        return SectionRef.of(section) if section is not None else None

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.section = self.resolve(self.clean(row))


class StartColumn(Column):
    """«Начало»: read and checked here, written together with «Срок» (which may name the
    start too: «01.09.2023-01.10.2023»)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        self.clean(row)


class DeadlineColumn(Column):
    """«Срок» as colleges' roadmaps write it, read by schedule.deadline_read; sets the deadline
    fields and the start (an explicit «Начало» wins over a start named in «Срок») and keeps
    the wording itself (Activity.deadline_words). Wording without dates is «без
    фиксированного срока»: the preview says so, the row is not refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = None  # set by the resource: the roadmap's schedule.Period
        self.note = None  # set by the resource: (wording, schedule, note) -> None

    def get_value(self, instance):
        if instance.deadline_words:
            return instance.deadline_words
        if not instance.deadline_kind:
            return ""
        return schedule.deadline_text(instance)

    def save(self, instance, row, is_m2m=False, **kwargs):
        value = row.get(self.column_name)
        if isinstance(value, FormulaProblem):
            raise ValueError(value.message)
        deadline, note = schedule.deadline_read(value, self.period)
        start = deadline.start
        try:
            explicit = DateWidget().clean(row.get(START_COLUMN))
        except ValueError:
            explicit = None  # «Начало» reports its own error
        if explicit is not None:
            start = explicit
            due = deadline.date or (schedule.month_end(deadline.month) if deadline.month else None)
            if due is not None and start > due:
                raise ValueError(f"начало {start:%d.%m.%Y} позже срока «{clean_spaces(value)}»")
        for name, field_value in deadline.fields().items():
            setattr(instance, name, field_value)
        instance.start_date = start
        words = instance.deadline_words = schedule.deadline_wording(value)
        if self.note is not None:
            self.note(words, schedule.deadline_text(instance), note)


class StatusWidget(ChoiceWidget):
    """A status by its Russian label; an empty cell is «запланировано»."""

    def empty(self):
        return Activity.Status.PLANNED


START_COLUMN = "Начало"
STAGE_COLUMN = "Этап"
SUBSTAGE_COLUMN = "Содержание подэтапов"
TITLE_COLUMN = "Мероприятие"
DEADLINE_COLUMN = "Срок"
RESPONSIBLE_COLUMN = "Ответственные"
UNSORTED_SECTION = "Мероприятия без этапа"
DONE_ON_COLUMN = "Дата выполнения"
STATUS_COLUMN = "Статус"


class ActivityResource(XlsxResource):
    """Activities of one roadmap (the current one unless another is chosen), identified by
    stage/section and title."""

    section = SectionColumn(
        attribute="section",
        column_name=STAGE_COLUMN,
        widget=SectionWidget(),
        required=True,
        synonyms=("Наименование этапа", "Этап / раздел", "Раздел", "Этап реализации"),
        help_text=(
            "название этапа («Формирование наставнических пар/групп», «4. Формирование "
            "пар» — этап находится по названию, не по номеру) или его номер от 1 до 7, "
            "либо название раздела вне этапов («Информационное сопровождение»); нового "
            "раздела в дорожной карте ещё нет — он будет добавлен. Без этой колонки этап "
            "берётся из строк-заголовков таблицы (строка, где заполнена одна ячейка)"
        ),
    )
    substage = Column(
        attribute="substage",
        column_name=SUBSTAGE_COLUMN,
        widget=LongTextWidget(),
        synonyms=("Содержание подэтапа", "Подэтап", "Подэтапы"),
        help_text="необязательная колонка: подэтап, к которому относится мероприятие",
    )
    title = Column(
        attribute="title",
        column_name=TITLE_COLUMN,
        widget=LongTextWidget(),
        required=True,
        synonyms=(
            "Мероприятия",
            "Наименование мероприятия",
            "Содержание",
            "Содержание деятельности",
            "Содержание деятельности и примерный план мероприятий",
        ),
        help_text="по этапу и названию мероприятие находится при повторной загрузке",
    )
    start_date = StartColumn(
        attribute="start_date",
        column_name=START_COLUMN,
        widget=DateWidget(),
        help_text="ДД.ММ.ГГГГ или дата Excel; можно не заполнять",
    )
    deadline = DeadlineColumn(
        attribute="deadline",
        column_name=DEADLINE_COLUMN,
        widget=TextWidget(),
        synonyms=(
            "Сроки",
            "Сроки реализации",
            "Срок реализации",
            "Срок исполнения",
            "Сроки исполнения",
            "Сроки проведения",
            "Длительность этапа",
        ),
        help_text=(
            "дата (15.10.2022, до 01.12.2023, 01.09.2023-01.10.2023), месяц (октябрь 2022, "
            "сентябрь – октябрь 2022), «ежегодно: май, сентябрь», «сентябрь 2020, "
            "январь-февраль ежегодно», «весь период» или «постоянно»; месяц без года — в "
            "каждом году дорожной карты (в том, где он есть, если он один). Слова без дат "
            "(«в течение первого месяца», «по итогам», «по мере необходимости») и пустая "
            "ячейка — без фиксированного срока, просроченным не бывает. Запись сохраняется "
            "как есть"
        ),
    )
    responsible = Column(
        attribute="responsible",
        column_name=RESPONSIBLE_COLUMN,
        widget=TextWidget(),
        synonyms=(
            "Ответственный",
            "Ответственные исполнители",
            "Ответственный исполнитель",
            "Исполнители",
            "Исполнитель",
        ),
        help_text="через запятую: «Куратор, администрация»",
    )
    expected_result = Column(
        attribute="expected_result",
        column_name="Результат (документ)",
        widget=LongTextWidget(),
        synonyms=(
            "Ожидаемый результат",
            "Ожидаемый результат (вид документа)",
            "Результат",
            "Показатели реализации",
            "Документы (мероприятия, ресурсы), закрепляющие результат",
            "Рекомендуемые ЛНА для этапа",
        ),
        help_text="ожидаемый результат или документ: приказ, протокол, база наставников",
    )
    indicator = Column(
        attribute="indicator",
        column_name="Показатель",
        widget=LongTextWidget(),
        synonyms=("Показатели эффективности", "Показатель эффективности"),
        help_text="показатель эффективности мероприятия, как в дорожной карте",
    )
    status = Column(
        attribute="status",
        column_name=STATUS_COLUMN,
        widget=StatusWidget(Activity.Status.choices),
        help_text=f"{labels(Activity.Status.choices)}; пустая ячейка — «запланировано»",
    )
    completed_on = Column(
        attribute="completed_on",
        column_name=DONE_ON_COLUMN,
        widget=DateWidget(),
        help_text=(
            "необязательная колонка: дата выполнения для статуса «выполнено» (пусто — "
            "прежняя дата или день загрузки); дата при пустом статусе ставит «выполнено»"
        ),
    )

    identity_label = "Этап и мероприятие"
    identity_key = "title"
    # A curator's own roadmap has only some of the template's columns (seed 002 names no
    # one responsible, seed 004 has sub-stages, most have neither start nor status).
    # Without «Этап» the stages come from the table's heading rows (fold_heading_rows).
    optional_columns = (
        STAGE_COLUMN,
        DONE_ON_COLUMN,
        SUBSTAGE_COLUMN,
        START_COLUMN,
        RESPONSIBLE_COLUMN,
        "Результат (документ)",
        "Показатель",
        STATUS_COLUMN,
    )

    class Meta(XlsxResource.Meta):
        model = Activity
        name = "Мероприятия дорожной карты"
        fields = (
            "section",
            "substage",
            "title",
            "start_date",
            "deadline",
            "responsible",
            "expected_result",
            "indicator",
            "status",
            "completed_on",
        )
        import_id_fields = ("section", "title")

    def __init__(self, user=None, roadmap: Roadmap | None = None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.chosen_roadmap = roadmap
        self.roadmap: Roadmap | None = None
        self.sections: dict[str, Section] = {}
        self.fields["section"].resolve = self.section_for
        self.fields["deadline"].note = self.deadline_note
        self.layout_notices: list[str] = []
        self.current_row = 0

    def deadline_note(self, words: str, schedule_text: str, note: str) -> None:
        """The preview shows the schedule read beside the wording kept, wherever the two
        are not the same words, and why a wording is «без фиксированного срока»."""
        if note:
            self.notices.append(f"Строка {self.current_row}: {note}.")
        elif schedule.words_beside(words, schedule_text):
            self.notices.append(
                f"Строка {self.current_row}: срок «{words}» — по графику: {schedule_text}."
            )

    # --- which roadmap, which section ---------------------------------------------------

    def check_may_import(self):
        super().check_may_import()
        from .selectors import roadmap_current

        self.roadmap = self.chosen_roadmap or roadmap_current()
        if self.roadmap is None:
            raise ImportRejected(
                "В системе нет дорожной карты: сначала создайте её (название и период), "
                "потом загружайте мероприятия."
            )
        self.fields["deadline"].period = schedule.Period(
            self.roadmap.start_date, self.roadmap.end_date
        )
        self.sections = {SectionRef.of(s).key: s for s in self.roadmap.sections.all()}

    def section_for(self, ref: SectionRef) -> Section:
        found = self.sections.get(ref.key)
        if found is not None:
            if ref.task and not found.task:
                found.task = ref.task
                found.save(update_fields=["task"])
            return found
        if ref.stage:
            section = Section.objects.create(
                roadmap=self.roadmap,
                stage=ref.stage,
                order=ref.stage,
                title=ref.title,
                task=ref.task,
            )
            standard = STAGE_TITLES[ref.stage]
            named = "" if ref.title == standard else f" под названием «{ref.title}»"
            self.notices.append(
                f"В дорожную карту будет добавлен этап {ref.stage} «{standard}»{named}."
            )
        else:
            last = max((s.order for s in self.sections.values()), default=0)
            section = Section.objects.create(
                roadmap=self.roadmap,
                stage=None,
                order=max(last, 7) + 1,
                title=ref.title,
                task=ref.task,
            )
            self.notices.append(f"В дорожную карту будет добавлен раздел «{ref.title}».")
        self.sections[ref.key] = section
        return section

    # --- the file's own layout -----------------------------------------------------------

    def check_headers(self, dataset):
        if STAGE_COLUMN not in (dataset.headers or []):
            self.fold_heading_rows(dataset)
        super().check_headers(dataset)

    def fold_heading_rows(self, dataset) -> None:
        """A roadmap without a «Этап» column names its stages and sections in rows of their
        own above their activities («1. Подготовка условий …», «Информационное
        сопровождение деятельности»): a row with one filled cell (the «№» column aside) is
        such a heading; it becomes the «Этап» of the rows below it and is not an activity.
        Rows above the first heading go to a section of their own."""
        headers = list(dataset.headers or [])
        known = [i for i, h in enumerate(headers) if h in self.template_headers()]
        if not known or not len(dataset):
            return
        numbers = list(getattr(dataset, "excel_row_numbers", None) or [])
        numbers = numbers or list(range(2, len(dataset) + 2))
        current, stages, keep, headings = "", [], [], 0
        for index, values in enumerate(dataset):
            filled = [values[i] for i in known if not _blank(values[i])]
            if len(filled) == 1 and isinstance(filled[0], str):
                current = filled[0]
                headings += 1
                continue
            keep.append(index)
            stages.append(current)
        if any(not stage for stage in stages):
            where = "Строки до первого заголовка этапа" if headings else "Все мероприятия"
            self.layout_notices.append(
                f"Колонки «{STAGE_COLUMN}» в файле нет. {where} попадут в раздел "
                f"«{UNSORTED_SECTION}»."
            )
            stages = [stage or UNSORTED_SECTION for stage in stages]
        kept = set(keep)
        for index in reversed(range(len(dataset))):
            if index not in kept:
                del dataset[index]
        dataset.append_col(stages, header=STAGE_COLUMN)
        dataset.excel_row_numbers = [numbers[i] for i in keep]
        if headings:
            rows = plural(headings, "строки-заголовка", "строк-заголовков", "строк-заголовков")
            these = plural(headings, "эта строка", "эти строки", "эти строки")
            self.layout_notices.append(
                f"Колонки «{STAGE_COLUMN}» в файле нет: этапы и разделы взяты из "
                f"{headings} {rows} таблицы; {these} — не мероприятия."
            )

    def import_data(self, dataset, *args, **kwargs):
        self.layout_notices = []
        result = super().import_data(dataset, *args, **kwargs)
        result.notices = [*self.layout_notices, *getattr(result, "notices", [])]
        return result

    # --- identity -----------------------------------------------------------------------

    def row_key(self, row):
        try:
            ref = SectionWidget().clean(row.get(STAGE_COLUMN))
            title = LongTextWidget().clean(row.get(TITLE_COLUMN))
        except ValueError:
            return None
        if ref is None or not title:
            return None
        return f"{ref.key}|{match_key(title)}"

    def existing_by_key(self):
        queryset = self.roadmap.activities.select_related("section")
        if self.lock_rows:
            queryset = queryset.select_for_update(of=("self",))
        return {self.instance_key(activity): activity for activity in queryset}

    def instance_key(self, instance):
        return f"{SectionRef.of(instance.section).key}|{match_key(instance.title)}"

    def duplicate_message(self, first_row):
        return (
            f"это мероприятие этого этапа уже есть в файле в строке {first_row}; "
            "оставьте одну строку"
        )

    def init_instance(self, row=None):
        return Activity(roadmap=self.roadmap)

    def clean_exclude(self, instance):
        # A deadline that could not be read is reported on «Срок» alone.
        if not instance.deadline_kind:
            return {
                "deadline_kind",
                "deadline_date",
                "deadline_month",
                "yearly_months",
                "deadline_words",
            }
        return set()

    # --- the row ------------------------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        self.current_row = self.excel_row(kwargs.get("row_number") or 0)
        was_done_on = instance.completed_on if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.pk is None:
            # New activities keep the file's order within their section.
            instance.order = self.excel_row(kwargs.get("row_number") or 0)
        if "status" not in errors and "completed_on" not in errors:
            problem = self._completion(instance, row, was_done_on)
            if problem:
                errors["completed_on"] = [problem]
        if errors:
            raise ValidationError(errors)

    def _completion(self, instance, row, was_done_on) -> str | None:
        """A done activity has its date; a date alone means done."""
        done = Activity.Status.DONE
        given = DONE_ON_COLUMN in row and instance.completed_on is not None
        status_empty = not clean_spaces(row.get(STATUS_COLUMN) or "")
        if given and instance.status != done:
            if status_empty:
                instance.status = done
            else:
                return (
                    f"дата выполнения указана, а статус — «{instance.get_status_display()}»: "
                    "укажите статус «выполнено» или уберите дату"
                )
        if instance.status == done and instance.completed_on is None:
            if instance.deadline_kind != Activity.DeadlineKind.YEARLY:
                # As when the curator marks it on the page: the day the mark is made.
                instance.completed_on = was_done_on or timezone.localdate()
        if instance.status != done:
            instance.completed_on = None
        if instance.completed_on and instance.completed_on > timezone.localdate():
            return f"дата выполнения {instance.completed_on:%d.%m.%Y} ещё не наступила"
        return None

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("section", "roadmap")

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = "Мероприятия"


# --- KPI targets -----------------------------------------------------------------------------

INDICATOR_COLUMN = "Показатель"
_YEAR_HEADER = re.compile(r"^(\d{4})(?:\s*(?:г|гг|год|года)\.?)?$")
# «2025/2026», «2025-2026», «2025/2026 уч. г.», «2025/2026 учебный год».
_ACADEMIC_HEADER = re.compile(
    r"^(\d{4}\s*[/-]\s*\d{4})(?:\s*(?:уч\.?\s*г\.?|уч\.?\s*год|учебный\s+год|гг?\.?))?$"
)
# A two-row header read as one: «Сроки реализации 2022» (seed 004's years under «Сроки
# реализации»).
_YEARS_OVER = re.compile(
    r"^\s*(?:сроки\s+реализации|сроки|годы|целевые\s+значения|целевое\s+значение)[\s:/,.-]*",
    re.I,
)
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_TRAILING_UNIT = re.compile(r"[\s,]*%\s*$")
_TARGET_PREFIX = re.compile(r"^(не\s+менее|не\s+ниже|не\s+меньше|≥|>=|от)\s*")
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_TARGET = Decimal("9999999.99")


# Words the programmes' tables use for the same thing as the registry's names.
_SAME_WORDS = (
    (re.compile(r"\b(?:учител|педагог|преподавател)[а-я]*"), "преподавателей"),
    # «проживающих в Кировской области», «в Пермском крае», «в Республике Коми»:
    # the registry says «в субъекте РФ».
    (
        re.compile(
            r"\bв\s+(?:(?:[а-я-]+\s+){1,2}(?:области|крае|округе|республике)"
            r"|республике(?:\s+[а-я-]+){1,2})\b"
        ),
        "в субъекте рф",
    ),
    (re.compile(r"\bсубъекте\s+российской\s+федерации\b"), "субъекте рф"),
    (re.compile(r"\bпроживающих\s+(?=[а-я-]+\s+(?:области|крае))"), "проживающих в "),
)


def indicator_key(name: object) -> str:
    """An indicator's name by meaning: case, ё/е, spaces, dashes, quotes and punctuation
    aside, the unit or remark programmes' tables add at the end («…, % (опросный)», a
    bracketed formula), «учителей»/«педагогов» for «преподавателей», and a region's name
    («в Кировской области») for «в субъекте РФ» — the seeds' variants of the registry's
    indicators land on them."""
    key = match_key(name)
    previous = None
    while previous != key:
        previous = key
        key = _TRAILING_NOTE.sub("", key)
        key = _TRAILING_UNIT.sub("", key).rstrip(" ,.;")
    for pattern, replacement in _SAME_WORDS:
        key = pattern.sub(replacement, key)
    return " ".join(re.sub(r"[^\w%]+|_", " ", key).split())


def header_year(header: object) -> int | None:
    """2022, 2022.0, «2022», «2022 г.», «2022 год» → 2022; anything else → None."""
    if isinstance(header, float) and header.is_integer():
        header = int(header)
    if isinstance(header, int) and not isinstance(header, bool):
        return header if MIN_YEAR <= header <= MAX_YEAR else None
    match = _YEAR_HEADER.match(clean_spaces(header).lower())
    if match and MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        return int(match.group(1))
    return None


class TargetWidget(CellWidget):
    """70, 70,5, «70 %», «не менее 70»: a number from 0 to 9 999 999,99."""

    def parse(self, value):
        problem = ValueError(f"«{clean_spaces(value)}» — ожидается число (например, 70 или 72,5)")
        if isinstance(value, bool):
            raise problem
        if isinstance(value, int | float):
            number = Decimal(str(value))
        else:
            text = clean_spaces(value).lower()
            text = _TARGET_PREFIX.sub("", text)
            text = _TRAILING_UNIT.sub("", text).replace(" ", "").replace(",", ".")
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise problem from None
        if not number.is_finite() or number < 0 or number > MAX_TARGET:
            raise ValueError(f"«{clean_spaces(value)}» — ожидается число от 0 до 9 999 999")
        if number != number.quantize(Decimal("0.01")):
            raise ValueError(f"«{clean_spaces(value)}» — не больше двух знаков после запятой")
        return number.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        number = value.normalize() if value == value.to_integral() else value
        if kwargs.get("force_native_type"):
            return int(number) if number == number.to_integral() else float(number)
        text = f"{number:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text


def header_period(header: object) -> str | None:
    """A column of a report period's targets: a calendar year as header_year reads it →
    «2025»; «2025/2026», «2025-2026», «2025/2026 уч. г.» → «2025/2026»; anything else → None.
    Two years that do not follow each other («2025/2027») raise ValueError with a Russian
    message: it is meant as a period, and a wrong one."""
    year = header_year(header)
    if year is not None:
        return str(year)
    if isinstance(header, int | float):
        return None
    match = _ACADEMIC_HEADER.match(clean_spaces(header).lower())
    if not match:
        return None
    return ReportPeriod.parse(match.group(1)).key


class PeriodTargetColumn(RelatedSetColumn):
    """One report period's target (a calendar year «2025» or an academic year «2025/2026»):
    a filled cell sets it, an empty one leaves it as it is."""

    def __init__(self, period: str):
        label = ReportPeriod.parse(period).label
        super().__init__(
            attribute=f"target_{period.replace('/', '_')}",
            column_name=period,
            widget=TargetWidget(),
            help_text=f"целевое значение на {label}; пусто — не менять",
        )
        self.period = period

    def get_value(self, instance):
        if instance.pk is None:
            return None
        return next((t.value for t in instance.targets.all() if t.period == self.period), None)

    def current(self, instance):
        return self.get_value(instance)

    def differs(self, instance, value) -> bool:
        return value not in (None, []) and value != self.current(instance)

    def save_related(self, instance, value) -> None:
        if value in (None, []):
            return
        IndicatorTarget.objects.update_or_create(
            indicator=instance, period=self.period, defaults={"value": value}
        )
        # The preview reads the targets back from the instance.
        getattr(instance, "_prefetched_objects_cache", {}).pop("targets", None)


class IndicatorNameColumn(Column):
    """The indicator's name identifies it (by meaning, see indicator_key); an existing
    indicator keeps its own name, and the file's other wording of it is kept as the
    college's own name (Indicator.own_name)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        value = self.clean(row)
        if instance.pk is None:
            instance.name = value
        elif value and value != instance.name:
            instance.own_name = value


class KeptIfEmptyColumn(Column):
    """A column an empty cell leaves as it is («Ед. изм.», «Результат на выходе»)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        value = self.clean(row)
        if value:
            setattr(instance, self.attribute, value)


UNIT_COLUMN = "Ед. изм."
RESULT_COLUMN = "Результат на выходе из программы"


class KpiTargetResource(XlsxResource):
    """«Показатель», then one column per report period — a calendar year («2022», «2023», …,
    as programmes' indicator tables have them) or an academic year («2025/2026»)."""

    name = IndicatorNameColumn(
        attribute="name",
        column_name=INDICATOR_COLUMN,
        widget=TextWidget(),
        required=True,
        help_text=(
            "название показателя; находится по смыслу: без учёта регистра, ё/е, знаков "
            "препинания, приписок «, %» и «(опросный)» в конце; «учителей» и «педагогов» — "
            "как «преподавателей», название региона («в Кировской области») — как «в "
            "субъекте РФ». Формулировка файла сохраняется как название показателя в "
            "программе колледжа. Показатель, которого нет, будет добавлен («вводится вручную»)"
        ),
        synonyms=(
            "Наименование показателя",
            "Показатели",
            "Наименование показателей",
            "Показатели эффективности",
            "Целевой индикатор",
            "Целевые индикаторы",
            "Индикатор",
        ),
    )
    unit = KeptIfEmptyColumn(
        attribute="unit",
        column_name=UNIT_COLUMN,
        widget=TextWidget(),
        synonyms=("Ед.изм.", "Единица измерения", "Единица", "Ед. измерения"),
        help_text="необязательная колонка: единица измерения (%, чел.); пусто — не менять",
    )
    result = KeptIfEmptyColumn(
        attribute="result",
        column_name=RESULT_COLUMN,
        widget=LongTextWidget(),
        synonyms=("Результат на выходе", "Результат на выходе из Программы", "Результат"),
        help_text=(
            "необязательная колонка: результат на выходе из программы («Не менее 70 % "
            "обучающихся вовлечены в наставническую деятельность»); пусто — не менять"
        ),
    )

    identity_label = INDICATOR_COLUMN
    identity_key = "name"
    optional_columns = (UNIT_COLUMN, RESULT_COLUMN)

    class Meta(XlsxResource.Meta):
        model = Indicator
        name = "Целевые значения показателей"
        fields = ("name", "unit", "result")
        import_id_fields = ("name",)

    def __init__(self, user=None, years: list[int | str] | None = None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.periods: list[str] = []
        if years:
            self.set_years(years)

    # As programmes' tables have it: the result after the years.
    def get_import_order(self):
        order = [name for name in super().get_import_order() if name != "result"]
        return (*order, "result")

    def get_export_order(self):
        order = [name for name in super().get_export_order() if name != "result"]
        return (*order, "result")

    # --- the period columns --------------------------------------------------------------

    def set_years(self, periods) -> None:
        """Columns for these periods: calendar years as ints or keys, academic ones as keys."""
        for name in [n for n, f in self.fields.items() if isinstance(f, PeriodTargetColumn)]:
            del self.fields[name]
        self.periods = sorted({str(p) for p in periods}, key=ReportPeriod.parse)
        for period in self.periods:
            column = PeriodTargetColumn(period)
            self.fields[column.attribute] = column

    def default_years(self) -> list[int]:
        """The template's years: those of the current roadmap, else this year and two more."""
        from .selectors import roadmap_current, roadmap_years

        roadmap = roadmap_current()
        if roadmap is not None:
            return roadmap_years(roadmap)
        this_year = timezone.localdate().year
        return [this_year, this_year + 1, this_year + 2]

    def template_columns(self):
        if not self.periods:
            self.set_years(self.default_years())
        return super().template_columns()

    def mapping_columns(self):
        # The period columns are the file's own (file_column), not the template's years.
        return [c for c in self.template_columns() if not isinstance(c, PeriodTargetColumn)]

    def file_column(self, header):
        try:
            return header_period(header)
        except ValueError:
            return clean_spaces(header)  # a wrong period: check_headers says why

    def get_user_visible_fields(self):
        if not self.periods:
            self.set_years(self.default_years())
        return super().get_user_visible_fields()

    def help_rows(self):
        rows = [r for r in super().help_rows() if r[0] in (INDICATOR_COLUMN, UNIT_COLUMN)]
        rows.append(
            (
                "2022, 2023, … или 2025/2026, …",
                "хотя бы одна",
                "по колонке на период: календарный год (заголовок 2024 или «2024 г.») или "
                "учебный год (2024/2025); колонок можно сколько нужно. Число — целевое "
                "значение (70, 72,5, «не менее 70 %»); пустая ячейка не меняет цель периода. "
                "Над годами может стоять общий заголовок «Сроки реализации»",
            )
        )
        rows.extend(r for r in super().help_rows() if r[0] == RESULT_COLUMN)
        return rows

    def check_headers(self, dataset):
        headers = list(dataset.headers or [])
        years, renamed, unknown, seen, wrong = [], [], [], set(), []
        for header in headers:
            try:
                year = header_period(
                    _YEARS_OVER.sub("", header) if isinstance(header, str) else header
                )
            except ValueError as error:
                wrong.append(str(error))
                renamed.append(header)
                continue
            if year is not None:
                if year in seen:
                    kind = "учебного года" if "/" in year else "года"
                    raise ImportRejected(
                        f"Колонка {kind} {year} встречается в файле дважды. "
                        "Оставьте одну и загрузите файл снова."
                    )
                seen.add(year)
                years.append(year)
                renamed.append(year)
            elif match_key(header) == match_key(INDICATOR_COLUMN):
                renamed.append(INDICATOR_COLUMN)
            elif header in (UNIT_COLUMN, RESULT_COLUMN) and header not in renamed:
                renamed.append(header)
            else:
                unknown.append(clean_spaces(header) or "(без названия)")
                renamed.append(header)
        problems = []
        if INDICATOR_COLUMN not in renamed:
            problems.append(f"нет колонки «{INDICATOR_COLUMN}»")
        if renamed.count(INDICATOR_COLUMN) > 1:
            problems.append(f"колонка «{INDICATOR_COLUMN}» встречается дважды")
        problems.extend(f"колонка {text}" for text in wrong)
        if not years and not wrong:
            problems.append(
                f"нет ни одной колонки года (от {MIN_YEAR} до {MAX_YEAR}) или учебного года "
                "(например, 2025/2026)"
            )
        if unknown:
            problems.append(
                "лишние или написанные иначе колонки " + ", ".join(f"«{n}»" for n in unknown)
            )
        if problems:
            raise ImportRejected(
                "Файл не принят: заголовки не совпадают с шаблоном — "
                + "; ".join(problems)
                + f". Первая строка: «{INDICATOR_COLUMN}», затем по колонке на год: "
                "«2022», «2023», … или на учебный год: «2025/2026», …"
            )
        self.set_years(years)
        dataset.headers = renamed

    # --- identity -----------------------------------------------------------------------

    def row_key(self, row):
        value = row.get(INDICATOR_COLUMN)
        if value is None or isinstance(value, FormulaProblem):
            return None
        return indicator_key(value) or None

    def existing_by_key(self):
        queryset = Indicator.objects.prefetch_related("targets")
        if self.lock_rows:
            queryset = queryset.select_for_update()
        found = {}
        for indicator in queryset:
            found.setdefault(self.instance_key(indicator), indicator)
        self.next_order = (max((i.order for i in found.values()), default=0) // 10 + 1) * 10
        return found

    def instance_key(self, instance):
        return indicator_key(instance.name)

    def duplicate_message(self, first_row):
        return f"этот показатель уже есть в файле в строке {first_row}; оставьте одну строку"

    def init_instance(self, row=None):
        order = getattr(self, "next_order", 10)
        self.next_order = order + 10
        return Indicator(computation=Indicator.MANUAL, unit="%", order=order)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is not None and original.pk and instance.own_name != original.own_name:
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.pk is not None and instance.own_name:
            written = clean_spaces(row.get(INDICATOR_COLUMN))
            if match_key(written) != match_key(instance.name):
                row_number = self.excel_row(kwargs.get("row_number") or 0)
                self.notices.append(
                    f"Строка {row_number}: «{written}» — это показатель «{instance.name}»; "
                    "формулировка файла сохранится как название в программе колледжа."
                )
        if instance.pk is None and instance.name:
            row_number = self.excel_row(kwargs.get("row_number") or 0)
            self.notices.append(
                f"Строка {row_number}: показателя «{instance.name}» в системе нет — он будет "
                "добавлен как новый («вводится вручную»); связать его с расчётом можно в "
                "карточке показателя."
            )

    # --- export -------------------------------------------------------------------------

    def before_export(self, queryset, **kwargs):
        years = IndicatorTarget.objects.filter(indicator__in=queryset).values_list(
            "period", flat=True
        )
        self.set_years(set(years) or self.default_years())

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("targets")

    def after_export(self, queryset, dataset, **kwargs):
        dataset.title = "Целевые значения"
