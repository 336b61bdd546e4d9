"""The registry of xlsx bases: each app adds its bases with register() in its own `imports`
module (found by xlsx_bases(), like admin modules). The admin pages, the curator's
templates page and the import_xlsx command all read it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import autodiscover_modules

from .resources import XlsxResource

# The templates page is mounted in the people namespace (people/urls.py), where curators'
# bookmarks and the menu have always found it.
TEMPLATE_DOWNLOAD_URL = "people:template-download"


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
        return reverse(TEMPLATE_DOWNLOAD_URL, args=[self.code])

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


def base_for_model(model) -> XlsxBase:
    return next(base for base in xlsx_bases().values() if base.model is model)
