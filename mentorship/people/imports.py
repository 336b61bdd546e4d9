"""Running xlsx imports of the bases, their templates, and the uploads that wait for
«Подтвердить импорт». The admin pages, the curator's templates page and the import_xlsx
command all go through here, with the same resources and the same file checks.

BASES is a registry: the people bases are defined here, other apps add theirs with
register() in their own `imports` module (found by xlsx_bases(), like admin modules).
"""

import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import autodiscover_modules
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
class XlsxOption:
    """A choice an import of a base needs besides the file (e.g. which roadmap): a field
    on the admin upload form, a flag of the import_xlsx command, a resource keyword."""

    name: str
    flag: str
    help: str
    # Command line: the flag's text → the value; ValueError with a Russian message if bad.
    parse: Callable[[str], object]
    # Admin: a new form field for the upload form (the confirm form carries it hidden).
    form_field: Callable[[], object]


@dataclass(frozen=True)
class XlsxBase:
    code: str
    title: str
    model: type
    resource_class: type[XlsxResource]
    identified_by: str
    needs: str = ""
    # Who may import / export: all of these permissions. Default: the model's own
    # import_<model> / export_<model> permissions (people bases hold personal data).
    import_permissions: tuple[str, ...] = ()
    export_permissions: tuple[str, ...] = ()
    # Rules of this base for the template's «Справка» and the import page.
    rules: tuple[str, ...] = ()
    # Allowed values of reference columns: () -> [(title, [names])].
    reference_lists: Callable[[], list[tuple[str, list[str]]]] | None = None
    options: tuple[XlsxOption, ...] = ()

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name

    @property
    def import_permission(self) -> str:
        return self.import_permissions_all[0]

    @property
    def export_permission(self) -> str:
        return self.export_permissions_all[0]

    @property
    def import_permissions_all(self) -> tuple[str, ...]:
        return self.import_permissions or (f"{self.app_label}.import_{self.model_name}",)

    @property
    def export_permissions_all(self) -> tuple[str, ...]:
        return self.export_permissions or (f"{self.app_label}.export_{self.model_name}",)

    def may_import(self, user) -> bool:
        return user.has_perms(self.import_permissions_all)

    def may_export(self, user) -> bool:
        return user.has_perms(self.export_permissions_all)

    def _admin_url(self, view: str) -> str:
        return reverse(f"admin:{self.app_label}_{self.model_name}_{view}")

    @property
    def has_admin_pages(self) -> bool:
        """Whether the model's admin offers the import and export pages."""
        try:
            self._admin_url("import")
        except NoReverseMatch:
            return False
        return True

    @property
    def import_url(self) -> str:
        return self._admin_url("import")

    @property
    def export_url(self) -> str:
        return self._admin_url("export")

    @property
    def changelist_url(self) -> str:
        return self._admin_url("changelist")

    @property
    def template_url(self) -> str:
        return reverse("people:template-download", args=[self.code])

    @property
    def template_filename(self) -> str:
        return f"шаблон — {self.title.lower()}.xlsx"

    def resource(self, user=None, **options) -> XlsxResource:
        return self.resource_class(user=user, **options)


BASES: dict[str, XlsxBase] = {}


def register(*bases: XlsxBase) -> None:
    """Add bases to the registry (an app's `imports` module calls this on import)."""
    for base in bases:
        known = BASES.get(base.code)
        if known is not None and known != base:
            raise ValueError(f"xlsx base {base.code!r} is registered twice")
        BASES[base.code] = base


_discovered = False


def xlsx_bases() -> dict[str, XlsxBase]:
    """Every registered base: the first call imports each installed app's `imports`."""
    global _discovered
    if not _discovered:
        autodiscover_modules("imports")
        _discovered = True
    return BASES


def _people_reference_lists() -> list[tuple[str, list[str]]]:
    return [
        ("Категории", _choice_labels(Person.Kind.choices)),
        ("Организации-партнёры в базе", _names(PartnerOrganisation)),
    ]


def _profile_reference_lists(model) -> Callable[[], list[tuple[str, list[str]]]]:
    def lists() -> list[tuple[str, list[str]]]:
        return [
            ("Статусы", _choice_labels(model.Status.choices)),
            ("Формы наставничества", _names(MentoringForm)),
            ("Компетенции и темы запросов", _names(Competency)),
        ]

    return lists


def _names(model) -> list[str]:
    return list(model.objects.values_list("name", flat=True))


def _choice_labels(choices) -> list[str]:
    return [label for _value, label in choices]


# People and their profiles are found as the same person (the natural key).
BY_PERSON = "фамилии, имени, отчеству и дате рождения"
NEEDS_PERSON = "Человек уже должен быть в базе «Люди»."

register(
    XlsxBase(
        code="people",
        title="Люди",
        model=Person,
        resource_class=PersonResource,
        identified_by=BY_PERSON,
        reference_lists=_people_reference_lists,
    ),
    XlsxBase(
        code="mentors",
        title="Наставники",
        model=MentorProfile,
        resource_class=MentorProfileResource,
        identified_by=BY_PERSON,
        needs=NEEDS_PERSON,
        reference_lists=_profile_reference_lists(MentorProfile),
    ),
    XlsxBase(
        code="mentees",
        title="Наставляемые",
        model=MenteeProfile,
        resource_class=MenteeProfileResource,
        identified_by=BY_PERSON,
        needs=NEEDS_PERSON,
        reference_lists=_profile_reference_lists(MenteeProfile),
    ),
    XlsxBase(
        code="organisations",
        title="Организации-партнёры",
        model=PartnerOrganisation,
        resource_class=PartnerOrganisationResource,
        identified_by="названию",
    ),
)


def base_for_model(model) -> XlsxBase:
    return next(base for base in xlsx_bases().values() if base.model is model)


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
    # What the import will do besides the rows themselves (e.g. «новый показатель»).
    notices: list[str] = field(default_factory=list)

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
            notices=list(result.notices),
        )

    def summary(self) -> str:
        return (
            f"Строк: {self.total_rows}; новых — {self.new}, изменённых — {self.changed}, "
            f"без изменений — {self.unchanged}, с ошибками — {self.error_rows}."
        )


def xlsx_import(
    *, base: XlsxBase, data: bytes, commit: bool, user=None, options: dict | None = None
) -> ImportReport:
    """Check and (with commit) write a whole file: every row or none of them.

    Without commit the rows are imported inside a transaction that is rolled back: the
    report is exactly what a commit would do. options: the base's XlsxOption values.
    """
    try:
        dataset = SafeXLSX().create_dataset(data)
    except XlsxFileError as error:
        issue = ImportIssue(None, None, str(error))
        return ImportReport(base=base, committed=False, issues=[issue])
    resource = base.resource(user, **(options or {}))
    result = resource.import_data(dataset, dry_run=not commit, raise_errors=False)
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
    rules.extend(base.rules)
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
    return base.reference_lists() if base.reference_lists else []


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
