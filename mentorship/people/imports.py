"""Running xlsx imports of the four bases, their templates, and the uploads that wait for
«Подтвердить импорт». The admin pages, the curator's templates page and the import_xlsx
command all go through here, with the same resources and the same file checks."""

import logging
import os
import re
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.urls import reverse
from import_export.tmp_storages import BaseStorage

from mentorship.lib.xlsx import SafeXLSX, Sheet, XlsxFileError, write_xlsx

from .models import (
    Competency,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    PartnerOrganisation,
    Person,
)
from .resources import (
    ImportIssue,
    MenteeProfileResource,
    MentorProfileResource,
    PartnerOrganisationResource,
    PersonResource,
    XlsxImportResult,
    XlsxResource,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class XlsxBase:
    code: str
    title: str
    model: type
    resource_class: type[XlsxResource]
    identified_by: str
    needs: str = ""

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name

    @property
    def import_permission(self) -> str:
        return f"people.import_{self.model_name}"

    @property
    def export_permission(self) -> str:
        return f"people.export_{self.model_name}"

    @property
    def import_url(self) -> str:
        return reverse(f"admin:people_{self.model_name}_import")

    @property
    def export_url(self) -> str:
        return reverse(f"admin:people_{self.model_name}_export")

    @property
    def changelist_url(self) -> str:
        return reverse(f"admin:people_{self.model_name}_changelist")

    @property
    def template_url(self) -> str:
        return reverse("people:template-download", args=[self.code])

    @property
    def template_filename(self) -> str:
        return f"шаблон — {self.title.lower()}.xlsx"

    def resource(self, user=None) -> XlsxResource:
        return self.resource_class(user=user)


BASES: dict[str, XlsxBase] = {
    base.code: base
    for base in (
        XlsxBase(
            code="people",
            title="Люди",
            model=Person,
            resource_class=PersonResource,
            identified_by="фамилии, имени, отчеству и дате рождения",
        ),
        XlsxBase(
            code="mentors",
            title="Наставники",
            model=MentorProfile,
            resource_class=MentorProfileResource,
            identified_by="фамилии, имени, отчеству и дате рождения",
            needs="Человек уже должен быть в базе «Люди».",
        ),
        XlsxBase(
            code="mentees",
            title="Наставляемые",
            model=MenteeProfile,
            resource_class=MenteeProfileResource,
            identified_by="фамилии, имени, отчеству и дате рождения",
            needs="Человек уже должен быть в базе «Люди».",
        ),
        XlsxBase(
            code="organisations",
            title="Организации-партнёры",
            model=PartnerOrganisation,
            resource_class=PartnerOrganisationResource,
            identified_by="названию",
        ),
    )
}


def base_for_model(model) -> XlsxBase:
    return next(base for base in BASES.values() if base.model is model)


# --- running an import ---------------------------------------------------------------


@dataclass
class ImportReport:
    base: XlsxBase
    committed: bool
    total_rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    error_rows: int = 0
    issues: list[ImportIssue] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.issues)

    @classmethod
    def from_result(cls, base: XlsxBase, result: XlsxImportResult, committed: bool):
        counts = result.counts
        return cls(
            base=base,
            committed=committed,
            total_rows=result.total_rows,
            new=counts["new"],
            changed=counts["changed"],
            unchanged=counts["unchanged"],
            error_rows=counts["errors"],
            issues=result.issues,
        )

    def summary(self) -> str:
        return (
            f"Строк: {self.total_rows}; новых — {self.new}, изменённых — {self.changed}, "
            f"без изменений — {self.unchanged}, с ошибками — {self.error_rows}."
        )


def xlsx_import(*, base: XlsxBase, data: bytes, commit: bool, user=None) -> ImportReport:
    """Check and (with commit) write a whole file: every row or none of them.

    Without commit the rows are imported inside a transaction that is rolled back: the
    report is exactly what a commit would do.
    """
    try:
        dataset = SafeXLSX().create_dataset(data)
    except XlsxFileError as error:
        issue = ImportIssue(None, None, str(error))
        return ImportReport(base=base, committed=False, issues=[issue])
    result = base.resource(user).import_data(dataset, dry_run=not commit, raise_errors=False)
    return ImportReport.from_result(base, result, committed=commit and not result.has_issues())


# --- templates -------------------------------------------------------------------------


GENERAL_RULES = [
    "Первая строка — заголовки колонок, как в этом шаблоне: не меняйте и не удаляйте их; "
    "порядок колонок можно менять.",
    "Данные — на первом листе книги, одна строка — одна запись; пустые строки пропускаются.",
    "Лишние пробелы (в том числе неразрывные при копировании) убираются сами.",
    "Даты — ДД.ММ.ГГГГ или ячейка с датой Excel. Формулы допустимы, если Excel вычислил их.",
    "Перед записью показывается предпросмотр: новые, изменённые и неизменённые строки и "
    "ошибки с номером строки и колонкой. Пока есть хоть одна ошибка, не записывается ничего.",
    "Файл — только .xlsx (книга Excel), не больше {max_mb} МБ и {max_rows} строк.",
]


def import_rules(base: XlsxBase) -> list[str]:
    max_rows = settings.IMPORT_MAX_ROWS
    limits = {
        "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        "max_rows": f"{max_rows:,}".replace(",", "\u00a0"),  # 10 000
    }
    rules = [rule.format(**limits) for rule in GENERAL_RULES]
    rules.append(
        f"Запись находится по {base.identified_by}: повторная загрузка того же файла "
        "не создаёт дублей, а обновляет найденные записи (ё/е, регистр и пробелы не важны)."
    )
    if base.needs:
        rules.append(base.needs)
    return rules


def xlsx_template(base: XlsxBase) -> bytes:
    """The header row only, and a «Справка» sheet explaining every column."""
    resource = base.resource()
    help_rows: list[list[str]] = [[rule, "", ""] for rule in import_rules(base)]
    help_rows.append(["", "", ""])
    help_rows.append(["Колонка", "Обязательная", "Что писать"])
    help_rows.extend(list(row) for row in resource.help_rows())
    for title, names in reference_lists(base):
        help_rows.append(["", "", ""])
        help_rows.append([title, "", ""])
        help_rows.extend([name, "", ""] for name in names)
    return write_xlsx(
        [
            Sheet(base.title, resource.template_headers()),
            Sheet(
                "Справка", ["Правила загрузки", "", ""], help_rows, widths=[45, 14, 90], wrap=True
            ),
        ]
    )


def reference_lists(base: XlsxBase) -> list[tuple[str, list[str]]]:
    """Allowed values of the base's reference columns, for the template's «Справка»."""

    def names(model) -> list[str]:
        return list(model.objects.values_list("name", flat=True))

    def choice_labels(choices) -> list[str]:
        return [label for _value, label in choices]

    if base.code == "people":
        return [
            ("Категории", choice_labels(Person.Kind.choices)),
            ("Организации-партнёры в базе", names(PartnerOrganisation)),
        ]
    if base.code in ("mentors", "mentees"):
        statuses = (MentorProfile if base.code == "mentors" else MenteeProfile).Status.choices
        return [
            ("Статусы", choice_labels(statuses)),
            ("Формы наставничества", names(MentoringForm)),
            ("Компетенции и темы запросов", names(Competency)),
        ]
    return []


# --- uploads waiting for confirmation ------------------------------------------------------

_TMP_NAME = re.compile(r"^[0-9a-f]{32}\.xlsx$")


def import_tmp_dir() -> Path:
    directory = Path(settings.IMPORT_TMP_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


class ImportTempStorage(BaseStorage):
    """An upload between preview and «Подтвердить импорт»: a private directory, owner-only
    files with unguessable names (the confirm form cannot point anywhere else), removed
    after the import, after a failed preview, or by import_tmp_purge()."""

    def save(self, data):
        self.name = f"{uuid4().hex}.xlsx"
        descriptor = os.open(self._path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)

    def read(self):
        return self._path().read_bytes()

    def remove(self):
        if self.name and _TMP_NAME.match(self.name):
            self._path().unlink(missing_ok=True)

    def _path(self) -> Path:
        if not self.name or not _TMP_NAME.match(self.name):
            raise FileNotFoundError("not an import upload name")
        return import_tmp_dir() / self.name


def import_tmp_purge(max_age: timedelta | None = None) -> int:
    """Remove uploads whose confirmation was abandoned; returns how many were removed."""
    if max_age is None:
        max_age = timedelta(hours=settings.IMPORT_TMP_MAX_AGE_HOURS)
    cutoff = time.time() - max_age.total_seconds()
    removed = 0
    for path in import_tmp_dir().iterdir():
        if _TMP_NAME.match(path.name) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        logger.info("Removed %s abandoned import uploads", removed)
    return removed
