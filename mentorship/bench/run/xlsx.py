"""xlsx import and export of the people base, the way the curator does them: through the
admin's pages with Django's test client (upload → preview → «Подтвердить импорт»; the
export form's POST), so the figures include the form handling, the temporary upload and
the rendering of the preview.

The import writes: main.py runs it on a scratch copy of the full database, in its own
process, and its peak memory (ru_maxrss) is that process's.
"""

import datetime as dt
import html
import io
import random
import re
import time
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from accounts.roles import Role
from mentorship.people.models import Person

from . import config
from .measure import Record, StepError, counting_queries, db_vendor, measure, peak_rss_mb
from .pages import office_user

IMPORT_URL = "admin:people_person_import"
CONFIRM_URL = "admin:people_person_process_import"
EXPORT_URL = "admin:people_person_export"
IMPORT_NAME = "xlsx: импорт людей из своего списка (сопоставление + предпросмотр + запись)"

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


def export_people(size: int | None, *, repeat: int | None = None) -> Record:
    """The people base to xlsx through the admin's export form (all rows)."""
    repeat = min(config.REPEAT if repeat is None else repeat, config.REPEAT_SLOW)
    client = Client()
    client.force_login(office_user(Role.CURATOR))
    url = reverse(EXPORT_URL)

    def call():
        response = client.post(url, {"format": "0", "resource": "0"})
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or "spreadsheetml" not in content_type:
            raise StepError(f"выгрузка ответила {response.status_code} ({content_type})")
        return response

    record = measure("xlsx: выгрузка людей", size, call, repeat=repeat)
    record.peak_mb = peak_rss_mb()
    record.extra["rows"] = Person.objects.count()
    return record
