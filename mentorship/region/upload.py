"""Colleges' packages into the regional centre: the one service of the upload screen and of
`manage.py region_upload`.

preview_packages() reads every file (mentorship.package.format.read_package: form, seal,
fields) and says, per file, what would happen: a NEW package, or one that REPLACES the
stored package of the same college and period — with the list of what changed — or why the
file is refused. commit_packages() writes a preview with no refused file, all or nothing, in
a fixed number of queries whatever the number of files and indicators.

Nothing here holds a person: a package carries only aggregates (SCHEMA.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from mentorship.lib.numbers import number_text
from mentorship.lib.periods import ReportPeriod
from mentorship.package import format as package_format
from mentorship.package.format import SUPPRESSED, PackageError, ReadPackage, status_label

from .indicators import Total
from .models import Package, PackageKpi, PackageUpload, RegionCollege

NEW = "new"
REPLACES = "replaces"

UNCHANGED = "без изменений"
OTHER_SECTIONS = "Изменились другие разделы пакета; показатели и итоги по участникам и парам те же."

PARTICIPANT_TOTALS = (("mentor", "Наставники, всего"), ("mentee", "Наставляемые, всего"))
PAIR_TOTALS = (("pairs", "Пары"), ("groups", "Группы"))

_SMALLINT_MAX = 32767


class UploadRefused(PackageError):
    """The upload as a whole cannot be written (a refused file, or the centre's data changed
    since the preview); nothing was written. The message is the user's, in Russian."""


# --- the preview ---------------------------------------------------------------------------


@dataclass
class FilePreview:
    """One uploaded file: what would happen to it, or why it is refused."""

    name: str
    package: ReadPackage | None = None
    error: str = ""
    action: str = ""  # NEW or REPLACES
    stored: Package | None = None
    replaced_checksum: str = ""  # the stored package's, as the preview saw it
    changes: tuple[str, ...] = ()
    kpi_rows: list[PackageKpi] = field(default_factory=list, repr=False)

    @property
    def refused(self) -> bool:
        return bool(self.error)

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.package.warnings if self.package else ()

    @property
    def inn(self) -> str:
        return self.package.inn if self.package else ""

    @property
    def college_name(self) -> str:
        return self.package.data["college"]["short_name"].strip() if self.package else ""

    @property
    def period_key(self) -> str:
        return self.package.period_key if self.package else ""

    @property
    def period_label(self) -> str:
        return ReportPeriod.parse(self.period_key).label if self.package else ""

    @property
    def created_at(self) -> dt.datetime | None:
        return self.package.created_at if self.package else None

    @property
    def created_text(self) -> str:
        return moment_text(self.created_at) if self.package else ""

    @property
    def app_version(self) -> str:
        return str(self.package.data.get("app_version", "")) if self.package else ""

    @property
    def unchanged(self) -> bool:
        return self.changes == (UNCHANGED,)


@dataclass
class UploadPreview:
    files: list[FilePreview]

    @property
    def refused(self) -> list[FilePreview]:
        return [f for f in self.files if f.refused]

    @property
    def accepted(self) -> list[FilePreview]:
        return [f for f in self.files if not f.refused]

    @property
    def ok(self) -> bool:
        return bool(self.files) and not self.refused

    @property
    def fingerprint(self) -> str:
        """What the preview showed: each file's checksum and the checksum it replaces. The
        screen's confirmation writes only if the centre still looks the same."""
        parts = [
            f"{f.name}|{f.package.checksum if f.package else ''}|{f.replaced_checksum}|{f.error}"
            for f in self.files
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def lines(self) -> list[str]:
        """The preview as plain text (the command prints it; the screen shows the same)."""
        out = []
        for f in self.files:
            if f.refused:
                out.append(f"ОТКЛОНЁН  {f.error}")
                continue
            what = "НОВЫЙ    " if f.action == NEW else "ЗАМЕНИТ  "
            out.append(
                f"{what} {f.name}: {f.college_name} (ИНН {f.inn}), {f.period_label}, "
                f"выгружен {f.created_text}, версия программы {f.app_version or '—'}"
            )
            out += [f"    ! {warning}" for warning in f.warnings]
            if f.action == REPLACES:
                out.append(f"    заменит пакет, выгруженный {moment_text(f.stored.created_at)}:")
                out += [f"    – {change}" for change in f.changes]
        return out


def moment_text(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def preview_packages(files: Iterable[tuple[str, bytes]]) -> UploadPreview:
    """Read each (name, content) and compare it with what the centre holds; no write.
    Two queries whatever the number of files."""
    previews = [_read(name, content) for name, content in files]
    _refuse_doubles(previews)
    readable = [p for p in previews if p.package and not p.refused]
    stored = _stored_packages({(p.inn, p.period_key) for p in readable})
    for preview in readable:
        _compare(preview, stored.get((preview.inn, preview.period_key)))
    return UploadPreview(previews)


def _refused(name: str, message: str) -> str:
    return f"Файл «{name}»: {message}"


def _read(name: str, content: bytes) -> FilePreview:
    try:
        package = package_format.read_package(content, name)
        rows = kpi_rows(package.data)
        _check_lengths(package.data)
    except PackageError as error:
        return FilePreview(name=name, error=_refused(name, str(error)))
    return FilePreview(name=name, package=package, kpi_rows=rows)


def _refuse_doubles(previews: list[FilePreview]) -> None:
    first: dict[tuple[str, str], FilePreview] = {}
    for preview in previews:
        if preview.refused:
            continue
        key = (preview.inn, preview.period_key)
        if key not in first:
            first[key] = preview
            continue
        other = first[key]
        message = (
            f"в этой загрузке два пакета колледжа «{preview.college_name}» (ИНН {preview.inn}) "
            f"за {preview.period_label}: «{other.name}» и «{preview.name}». Загрузите один — "
            "более новый."
        )
        preview.error = _refused(preview.name, message)
        if not other.refused:
            other.error = _refused(other.name, message)


def _stored_packages(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Package]:
    if not keys:
        return {}
    found = Package.objects.filter(
        college__inn__in={inn for inn, _ in keys}, period__in={period for _, period in keys}
    ).select_related("college")
    return {(p.college.inn, p.period): p for p in found if (p.college.inn, p.period) in keys}


def _compare(preview: FilePreview, stored: Package | None) -> None:
    if stored is None:
        preview.action = NEW
        return
    if preview.created_at < stored.created_at:
        preview.error = _refused(
            preview.name,
            "в РНЦ уже есть более новый пакет этого колледжа за период "
            f"(выгружен {moment_text(stored.created_at)}). Этот пакет выгружен "
            f"{preview.created_text} и не принимается.",
        )
        return
    preview.action = REPLACES
    preview.stored = stored
    preview.replaced_checksum = stored.checksum
    if stored.checksum == preview.package.checksum:
        preview.changes = (UNCHANGED,)
    else:
        preview.changes = tuple(package_changes(stored.data, preview.package.data)) or (
            OTHER_SECTIONS,
        )


# --- what changed --------------------------------------------------------------------------


def _figure_text(value: object) -> str:
    """A package's count or decimal as the dashboard prints it (lib.numbers.number_text:
    45; 52,5; 41 870), «< 3» as it is, — for none."""
    return SUPPRESSED if value == SUPPRESSED else number_text(_number(value))


def _kpi_key(kpi: Mapping[str, Any]) -> tuple[str, str]:
    code = kpi.get("code") or ""
    return ("code", code) if code else ("name", kpi.get("name", ""))


KPI_FIELDS = (
    ("value", "значение"),
    ("numerator", "числитель"),
    ("denominator", "знаменатель"),
    ("target", "цель"),
)


def package_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """What a newer package changes against the stored one, KPI by KPI, then the totals of
    participants and pairs; [] when none of these changed."""
    changes = []
    old_kpis = {_kpi_key(k): k for k in old.get("kpis", []) if isinstance(k, dict)}
    new_keys = set()
    for kpi in new.get("kpis", []):
        key = _kpi_key(kpi)
        new_keys.add(key)
        before = old_kpis.get(key)
        if before is None:
            changes.append(f"Показатель «{kpi['name']}» добавлен")
            continue
        parts = [
            f"{label} {_figure_text(before.get(name))} → {_figure_text(kpi.get(name))}"
            for name, label in KPI_FIELDS
            if before.get(name) != kpi.get(name)
        ]
        if before.get("status") != kpi.get("status"):
            parts.append(
                f"статус «{status_label(before.get('status'))}» → "
                f"«{status_label(kpi.get('status'))}»"
            )
        if parts:
            changes.append(f"Показатель «{kpi['name']}»: " + "; ".join(parts))
    changes += [
        f"Показатель «{kpi['name']}» убран" for key, kpi in old_kpis.items() if key not in new_keys
    ]
    old_people, new_people = _participant_totals(old), _participant_totals(new)
    for role, label in PARTICIPANT_TOTALS:
        if old_people.get(role) != new_people.get(role):
            before, after = old_people.get(role), new_people.get(role)
            changes.append(f"{label}: {_figure_text(before)} → {_figure_text(after)}")
    old_pairs, new_pairs = _pair_totals(old), _pair_totals(new)
    for name, label in PAIR_TOTALS:
        if old_pairs[name] != new_pairs[name]:
            changes.append(f"{label}: {old_pairs[name]} → {new_pairs[name]}")
    return changes


def _participant_totals(data: Mapping[str, Any]) -> dict[str, object]:
    return {
        row.get("role"): row.get("count")
        for row in data.get("participants", [])
        if isinstance(row, dict) and row.get("dimension") == "total"
    }


def _pair_totals(data: Mapping[str, Any]) -> dict[str, str]:
    """Pairs and groups over the package's lines, as text: a line of 1 or 2 is written «< 3»
    (they are people), so a sum with such lines is «не менее N» (indicators.Total)."""
    totals = {name: Total(label) for name, label in PAIR_TOTALS}
    for row in data.get("pairs", []):
        if isinstance(row, dict):
            for name, total in totals.items():
                total.add(row.get(name))
    return {name: total.text for name, total in totals.items()}


# --- the rows of the tables ----------------------------------------------------------------


def _fits(value: Decimal | None, max_digits: int, what: str) -> Decimal | None:
    if value is None:
        return None
    try:
        rounded = value.quantize(Decimal("0.01"))
    except InvalidOperation:
        rounded = None
    if rounded is None or not rounded.is_finite() or abs(rounded) >= 10 ** (max_digits - 2):
        raise PackageError(f"Пакет неполон или повреждён: {what} — слишком большое число.")
    return rounded


def _number(value: object) -> Decimal | None:
    count = package_format.count_value(value)
    return Decimal(count) if count is not None else package_format.decimal_value(value)


def kpi_rows(data: Mapping[str, Any]) -> list[PackageKpi]:
    """The package's indicators as unsaved PackageKpi rows (no package set yet): «< 3» is
    None with its flag. PackageError if a number does not fit the table."""
    rows = []
    for order, kpi in enumerate(data.get("kpis", []), start=1):
        name = kpi["name"]
        what = f"показатель «{name}»"
        if len(name) > 500 or len(kpi.get("code") or "") > 40:
            raise PackageError(f"Пакет неполон или повреждён: {what} — слишком длинный текст.")
        unit = kpi.get("unit") or ""
        status = kpi.get("status") or ""
        if not isinstance(unit, str) or len(unit) > 20:
            raise PackageError(f"Пакет неполон или повреждён: {what} — неверная единица.")
        # A status of a newer version is kept (the dashboard shows it as «—»).
        if not isinstance(status, str) or len(status) > 30:
            raise PackageError(f"Пакет неполон или повреждён: {what} — неверный статус.")
        rows.append(
            PackageKpi(
                order=order,
                code=kpi.get("code") or "",
                name=name,
                unit=unit,
                target=_fits(package_format.decimal_value(kpi.get("target")), 12, what),
                numerator=_fits(_number(kpi.get("numerator")), 14, what),
                numerator_suppressed=kpi.get("numerator") == SUPPRESSED,
                denominator=_fits(_number(kpi.get("denominator")), 14, what),
                denominator_suppressed=kpi.get("denominator") == SUPPRESSED,
                denominator_entered=kpi.get("denominator_entered") is True,
                regional_denominator=kpi.get("regional_denominator") is True,
                value=_fits(package_format.decimal_value(kpi.get("value")), 12, what),
                value_suppressed=kpi.get("value") == SUPPRESSED,
                status=status,
            )
        )
    return rows


def _check_lengths(data: Mapping[str, Any]) -> None:
    college = data["college"]
    for key, limit, label in (
        ("short_name", 200, "краткое наименование колледжа"),
        ("full_name", 400, "полное наименование колледжа"),
        ("city", 100, "город колледжа"),
    ):
        value = college.get(key, "")
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise PackageError(
                f"Пакет неполон или повреждён: {label} — не строка или длиннее {limit} знаков."
            )
    version = data.get("app_version", "")
    if not isinstance(version, str) or len(version) > 40:
        raise PackageError("Пакет неполон или повреждён: версия программы указана неверно.")
    if data["schema_version"] > _SMALLINT_MAX:
        raise PackageError("Пакет неполон или повреждён: версия схемы указана неверно.")


# --- the commit ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadResult:
    added: int
    replaced: int
    unchanged: int

    @property
    def message(self) -> str:
        total = self.added + self.replaced
        text = f"Загружено пакетов: {total} (новых — {self.added}, заменено — {self.replaced}"
        if self.unchanged:
            text += f", из них без изменений — {self.unchanged}"
        return text + ")."


def commit_packages(
    preview: UploadPreview, *, username: str, now: dt.datetime | None = None
) -> UploadResult:
    """Write the preview: every file or none. UploadRefused (nothing written) if a file is
    refused or the centre's packages changed since the preview. A fixed number of queries
    whatever the number of files and indicators (the indicators' INSERT is split only into
    the batches the database's parameter limit needs)."""
    if not preview.files:
        raise UploadRefused("Не выбрано ни одного файла пакета.")
    if not preview.ok:
        raise UploadRefused(
            "Загрузка не выполнена: отклонены файлы — "
            + "; ".join(f"«{f.name}»" for f in preview.refused)
            + ". Ничего не записано."
        )
    now = now or timezone.now()
    files = preview.files
    with transaction.atomic():
        _check_still_current(files)
        colleges = _colleges(files)
        new = [
            _package(f, colleges[f.inn], Package(college=colleges[f.inn], period=f.period_key), now)
            for f in files
            if f.action == NEW
        ]
        replaced = [_package(f, colleges[f.inn], f.stored, now) for f in files if f.stored]
        if replaced:
            PackageKpi.objects.filter(package__in=replaced).delete()
            Package.objects.bulk_update(
                replaced,
                ["schema_version", "app_version", "checksum", "created_at", "uploaded_at", "data"],
            )
        Package.objects.bulk_create(new)
        packages = {
            (p.college_id, p.period): p
            for p in Package.objects.filter(
                college__in=colleges.values(), period__in={f.period_key for f in files}
            ).only("pk", "college_id", "period")
        }
        rows = []
        uploads = []
        for f in files:
            college = colleges[f.inn]
            package = packages[(college.pk, f.period_key)]
            for row in f.kpi_rows:
                rows.append(_copy_row(row, package))
            uploads.append(
                PackageUpload(
                    college=college,
                    period=f.period_key,
                    checksum=f.package.checksum,
                    replaced_checksum=f.replaced_checksum,
                    changes="\n".join(f.changes),
                    warnings="\n".join(f.warnings),
                    uploaded_at=now,
                    username=username,
                    file_name=f.name[:255],
                )
            )
        PackageKpi.objects.bulk_create(rows)
        PackageUpload.objects.bulk_create(uploads)
    return UploadResult(
        added=len(new),
        replaced=len(replaced),
        unchanged=sum(1 for f in files if f.unchanged),
    )


def _check_still_current(files: list[FilePreview]) -> None:
    """The stored packages are still those the preview compared with (locked till the end)."""
    keys = {(f.inn, f.period_key) for f in files}
    now_stored = {
        (p.college.inn, p.period): p.checksum
        for p in Package.objects.select_for_update()
        .filter(college__inn__in={k[0] for k in keys}, period__in={k[1] for k in keys})
        .select_related("college")
    }
    for f in files:
        seen = f.replaced_checksum or None
        if now_stored.get((f.inn, f.period_key)) != seen:
            raise UploadRefused(
                f"Пока шёл предварительный просмотр, в РНЦ загружен другой пакет колледжа "
                f"«{f.college_name}» за {f.period_label}. Ничего не записано: загрузите файлы "
                "ещё раз и проверьте изменения."
            )


def _colleges(files: list[FilePreview]) -> dict[str, RegionCollege]:
    """The files' colleges by ИНН: found, or added; names from the latest package."""
    latest: dict[str, Mapping[str, Any]] = {}
    for f in sorted(files, key=lambda f: f.created_at):
        latest[f.inn] = f.package.data["college"]
    found = {c.inn: c for c in RegionCollege.objects.filter(inn__in=latest)}
    for inn, college in latest.items():
        row = found.get(inn) or RegionCollege(inn=inn)
        row.short_name = college["short_name"].strip()
        row.full_name = (college.get("full_name") or "").strip()
        row.city = (college.get("city") or "").strip()
        found[inn] = row
    existing = [c for c in found.values() if c.pk]
    if existing:
        RegionCollege.objects.bulk_update(existing, ["short_name", "full_name", "city"])
    added = [c for c in found.values() if not c.pk]
    if added:
        RegionCollege.objects.bulk_create(added)
        # Not every database hands back the new ids: read them.
        ids = dict(
            RegionCollege.objects.filter(inn__in=[c.inn for c in added]).values_list("inn", "pk")
        )
        for college in added:
            college.pk = ids[college.inn]
    return found


def _package(f: FilePreview, college: RegionCollege, package: Package, now) -> Package:
    package.college = college
    package.schema_version = f.package.data["schema_version"]
    package.app_version = f.app_version
    package.checksum = f.package.checksum
    package.created_at = f.created_at
    package.uploaded_at = now
    package.data = f.package.data
    return package


def _copy_row(row: PackageKpi, package: Package) -> PackageKpi:
    values = {
        field.attname: getattr(row, field.attname)
        for field in PackageKpi._meta.concrete_fields
        if not field.primary_key and field.name != "package"
    }
    return PackageKpi(package=package, **values)
