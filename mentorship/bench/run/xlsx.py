"""xlsx import and export of the people base, the way the curator does them: through the
admin's pages with Django's test client (upload → preview → «Подтвердить импорт»; the
export form's POST), so the figures include the form handling, the temporary upload and
the rendering of the preview.

The import writes: main.py runs it on a scratch copy of the full database, in its own
process, and its peak memory (ru_maxrss) is that process's.

Each has its floor, measured in the same process on the same data: the export's is
openpyxl's write-only mode writing the same rows (the resource's own export queryset and
columns) straight from values_list; the import's is openpyxl's read-only mode reading the
same file and bulk_create of its rows, in a transaction rolled back before the figure is
measured, so the figure meets the data as generated.
"""

import datetime as dt
import html
import io
import random
import re
import time
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.roles import Role
from mentorship.people.models import Person
from mentorship.people.resources import PersonResource

from . import config
from .measure import Record, StepError, counting_queries, db_vendor, measure, peak_rss_mb
from .pages import office_user

IMPORT_URL = "admin:people_person_import"
CONFIRM_URL = "admin:people_person_process_import"
EXPORT_URL = "admin:people_person_export"
IMPORT_NAME = "xlsx: импорт людей из своего списка (сопоставление + предпросмотр + запись)"
IMPORT_FLOOR_NAME = "основа: openpyxl read-only + bulk_create того же файла (с откатом)"
EXPORT_NAME = "xlsx: выгрузка людей"
EXPORT_FLOOR_NAME = "основа: openpyxl write-only тех же строк"

_SURNAMES = (
    "Бенчев Замеров Тестов Скоростин Нагрузкин Графиков Отчётов Таблицын Счётов Мерилов "
    "Весов Часов Минутин Секундин Быстров Медленнов Запросов Индексов Ключев Строков"
).split()
_FIRST = {
    "m": "Пётр Илья Глеб Лев Марк Тимур Егор Семён Фёдор Роман".split(),
    "f": "Алёна Вера Ника Ульяна Злата Ева Мирра Дарина Лада Софья".split(),
}
_PATRONYMIC = {
    "m": "Петрович Ильич Глебович Львович Маркович Тимурович Егорович".split(),
    "f": "Петровна Ильинична Глебовна Львовна Марковна Тимуровна Егоровна".split(),
}


# The curator's own list: a title and an empty row above the header, «№», one «ФИО» column,
# «Дата рожд.», no «Категория» (given on the mapping step for every row), a column nobody
# asked for. The mapping step matches the rest by synonyms.
OWN_HEADERS = ["№", "ФИО", "Дата рожд.", "Группа", "Курс", "Специальность", "Телефон", "ОВЗ",
               "Примечание"]  # fmt: skip
CATEGORY = ("Категория", "обучающийся")


def people_xlsx(rows: int, *, seed: int = 7) -> bytes:
    """A curator's own file of `rows` new students (OWN_HEADERS under a title row): names
    no generated college uses, each person once (name and birth date identify a person).

    Written like Excel writes it — shared strings and a <dimension> — not in openpyxl's
    write-only mode: without <dimension> openpyxl's reader parses the whole sheet once more
    just to learn its size, which no file from Excel makes it do."""
    rng = random.Random(seed)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Люди"
    sheet.append([f"Список обучающихся для загрузки ({rows} чел.)"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(OWN_HEADERS))
    sheet.append([])
    sheet.append(OWN_HEADERS)
    seen = set()
    while len(seen) < rows:
        sex = rng.choice("mf")
        surname = rng.choice(_SURNAMES) + ("а" if sex == "f" else "")
        born = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(365 * 6))
        key = (surname, rng.choice(_FIRST[sex]), rng.choice(_PATRONYMIC[sex]), born)
        if key in seen:
            continue
        seen.add(key)
        course = rng.randint(1, 4)
        sheet.append([
            len(seen),
            " ".join(key[:3]),
            f"{born:%d.%m.%Y}",
            f"БН-{course}{rng.randint(1, 9)}",
            course,
            "Технология замеров",
            f"+7 900 {rng.randint(1000000, 9999999)}",
            "да" if rng.random() < 0.03 else "",
            "",
        ])  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class _FormFields(HTMLParser):
    """The fields a browser would post from one <form> of a page, as shown: inputs with
    their values, each <select> with its selected option."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.labels: dict[str, str] = {}  # a constant row's header text → its input name
        self._select: str | None = None
        self._row_header: list[str] | None = None
        self._last_header = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "th" and attrs.get("scope") == "row":
            self._row_header = []
        elif tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            self.fields[name] = attrs.get("value") or ""
            if self._last_header:
                self.labels.setdefault(self._last_header, name)
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
            if self._last_header:
                self.labels.setdefault(self._last_header, name)
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "th" and self._row_header is not None:
            self._last_header = " ".join("".join(self._row_header).split())
            self._row_header = None
        elif tag == "tr":
            self._last_header = ""

    def handle_data(self, data):
        if self._row_header is not None:
            self._row_header.append(data)


def _mapping_fields(page: str) -> dict:
    """The mapping step as the curator confirms it: every automatic match kept, and
    «Категория» given one value for every row."""
    start = page.find('<table class="xlsx-mapping">')
    if start < 0:
        raise StepError("после загрузки не показан шаг сопоставления колонок: " + _problem(page))
    form_start = page.rfind("<form", 0, start)
    parser = _FormFields()
    parser.feed(page[form_start : page.find("</form>", start)])
    label, value = CATEGORY
    name = next((n for header, n in parser.labels.items() if header.startswith(label)), None)
    if name is None:
        raise StepError(f"на шаге сопоставления нет поля «{label}» для всех строк")
    return {**parser.fields, name: value}


_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def _confirm_fields(page: str) -> dict:
    """The hidden fields of the preview's «Подтвердить импорт» form, as a browser sends them."""
    start = page.find(reverse(CONFIRM_URL))
    if start < 0:
        raise StepError("предпросмотр не предложил «Подтвердить импорт»: " + _problem(page))
    form = page[start : page.find("</form>", start)]
    return {name: html.unescape(value) for name, value in _HIDDEN.findall(form)}


def _problem(page: str) -> str:
    text = re.sub(r"<[^>]+>", " ", page)
    found = re.search(r"(Строка \d+, «.{0,200}|Файл не принят: .{0,300})", text)
    return re.sub(r"\s+", " ", found.group(0)) if found else "ошибок на странице не найдено"


def import_people(data: bytes, size: int | None) -> Record:
    """One import of the file: preview, then confirm. Runs once: it writes. An exception
    in the import (the test client raises a view's exception) is the record's error."""
    try:
        return _import_people(data, size)
    except Exception as error:  # noqa: BLE001 - the bench reports, it does not stop
        return Record(
            IMPORT_NAME, db_vendor(), size, error=f"исключение: {type(error).__name__}: {error}"
        )


def import_with_floor(data: bytes, size: int | None, *, repeat: int | None = None) -> list:
    """The import's floor (rolled back, so the data stays as generated), then the import
    itself; the figure carries its ratio to the floor."""
    repeat = min(config.REPEAT if repeat is None else repeat, config.REPEAT_SLOW)
    floor = measure_import_floor(data, size, repeat=repeat)
    figure = import_people(data, size)
    return [figure.against(floor), floor]


def floor_people(data: bytes) -> list[Person]:
    """The file's people as unsaved Person rows: openpyxl's read-only mode, the rows under
    the «№» header, «ФИО» split in three, the birth date read, «Категория» the mapping
    step's one value (обучающийся)."""
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    people = []
    try:
        below_header = False
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            if not below_header:
                below_header = bool(row) and row[0] == OWN_HEADERS[0]
                continue
            _number, full_name, born, group, course, specialty, phone, disability, _note = row
            if not full_name:
                continue
            last, first, middle = ([*str(full_name).split(maxsplit=2), "", ""])[:3]
            if isinstance(born, str):
                born = dt.datetime.strptime(born, "%d.%m.%Y").date()
            elif isinstance(born, dt.datetime):
                born = born.date()
            person = Person(
                kind=Person.Kind.STUDENT,
                last_name=last,
                first_name=first,
                middle_name=middle,
                birth_date=born,
                study_group=group or "",
                course=course,
                specialty=specialty or "",
                phone=phone or "",
                has_disability=disability == "да",
            )
            person.fill_derived_fields()  # what save() would do: the keys, the full-time form
            person.fill_default_study_form()
            people.append(person)
    finally:
        workbook.close()
    return people


def measure_import_floor(data: bytes, size: int | None, *, repeat: int) -> Record:
    """openpyxl read-only + bulk_create of the same file's rows, each run rolled back."""
    created = {}

    def call():
        with transaction.atomic():
            people = Person.objects.bulk_create(floor_people(data), batch_size=1000)
            created["rows"] = len(people)
            transaction.set_rollback(True)
        return people

    before = Person.objects.count()
    record = measure(IMPORT_FLOOR_NAME, size, call, repeat=repeat, warmup=0)
    record.extra.update(floor_of=IMPORT_NAME, **created)
    if Person.objects.count() != before:
        record.error = "строки основы остались в базе: откат не сработал"
    return record


def _import_people(data: bytes, size: int | None) -> Record:
    client = Client()
    client.force_login(office_user(Role.CURATOR))
    client.get(reverse(IMPORT_URL))  # the upload page, like the curator opens it
    before = Person.objects.count()
    baseline_mb = peak_rss_mb()
    started = time.perf_counter()
    upload = SimpleUploadedFile("люди.xlsx", data)
    with counting_queries() as preview_queries:
        step = client.post(
            reverse(IMPORT_URL), {"format": "0", "resource": "0", "import_file": upload}
        )
        if step.status_code != 200:
            return Record(
                IMPORT_NAME, db_vendor(), size, error=f"загрузка: HTTP {step.status_code}"
            )
        try:
            mapping = _mapping_fields(step.content.decode())
        except StepError as error:
            return Record(IMPORT_NAME, db_vendor(), size, error=str(error))
        preview = client.post(reverse(IMPORT_URL), mapping)
    preview_ms = (time.perf_counter() - started) * 1000
    name = IMPORT_NAME
    if preview.status_code != 200:
        return Record(name, db_vendor(), size, error=f"предпросмотр: HTTP {preview.status_code}")
    try:
        fields = _confirm_fields(preview.content.decode())
    except StepError as error:
        return Record(name, db_vendor(), size, error=str(error))
    confirm_started = time.perf_counter()
    with counting_queries() as commit_queries:
        confirmed = client.post(reverse(CONFIRM_URL), fields)
    commit_ms = (time.perf_counter() - confirm_started) * 1000
    total_ms = (time.perf_counter() - started) * 1000
    created = Person.objects.count() - before
    record = Record(
        name,
        db_vendor(),
        size,
        median_ms=round(total_ms, 1),
        p95_ms=round(total_ms, 1),
        queries=preview_queries.count + commit_queries.count,
        peak_mb=peak_rss_mb(),
        extra={
            "rows": config.IMPORT_ROWS,
            "preview_ms": round(preview_ms, 1),
            "commit_ms": round(commit_ms, 1),
            "preview_queries": preview_queries.count,
            "commit_queries": commit_queries.count,
            "created": created,
            "baseline_mb": baseline_mb,
        },
    )
    if confirmed.status_code != 302:
        record.error = f"подтверждение: HTTP {confirmed.status_code}, " + _problem(
            confirmed.content.decode()
        )
    elif created <= 0:
        record.error = "после подтверждения в базе не прибавилось ни одного человека"
    return record


def export_people(size: int | None, *, repeat: int | None = None) -> list[Record]:
    """The people base to xlsx through the admin's export form (all rows), then its floor;
    the figure carries its ratio to the floor."""
    repeat = min(config.REPEAT if repeat is None else repeat, config.REPEAT_SLOW)
    user = office_user(Role.CURATOR)
    client = Client()
    client.force_login(user)
    url = reverse(EXPORT_URL)
    last = {}

    def call():
        response = client.post(url, {"format": "0", "resource": "0"})
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or "spreadsheetml" not in content_type:
            raise StepError(f"выгрузка ответила {response.status_code} ({content_type})")
        last["content"] = response.content
        return response

    record = measure(EXPORT_NAME, size, call, repeat=repeat)
    record.peak_mb = peak_rss_mb()
    if "content" in last:
        record.extra["rows"], record.extra["columns"] = workbook_shape(last["content"])
    floor = measure_export_floor(size, user, repeat=repeat)
    return [record.against(floor), floor]


def workbook_shape(content: bytes) -> tuple[int, int]:
    """(data rows, columns) of a workbook's first sheet, its header row not counted."""
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    return max(len(rows) - 1, 0), max((len(row) for row in rows), default=0)


def export_floor_source(user) -> tuple[list[str], object]:
    """The export's own headers and rows, as values_list of its fields: the resource the
    admin exports with for this user (its export columns; special categories only for a
    user who may see them) and its filter_export over the people table."""
    resource = PersonResource(user=user)
    fields = resource.get_export_fields()
    headers = [field.column_name for field in fields]
    queryset = resource.filter_export(Person.objects.order_by("pk"))
    return headers, queryset.values_list(*[field.attribute for field in fields])


def measure_export_floor(size: int | None, user, *, repeat: int) -> Record:
    headers, rows = export_floor_source(user)
    shape = {}

    def call():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Люди")
        sheet.append(headers)
        count = 0
        for row in rows.iterator(chunk_size=2000):
            sheet.append(row)
            count += 1
        out = io.BytesIO()
        workbook.save(out)
        shape.update(rows=count, columns=len(headers))
        return out

    record = measure(EXPORT_FLOOR_NAME, size, call, repeat=repeat)
    record.extra.update(floor_of=EXPORT_NAME, **shape)
    return record
