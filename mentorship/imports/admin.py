"""xlsx import and export on the bases' admin pages (django-import-export), in Russian.

A base's ModelAdmin takes XlsxImportExportMixin first in its bases and names its resource
in resource_classes; the base itself comes from the registry (base_for_model).

What is changed from import-export's defaults, and why:
- upload → mapping step → preview → «Подтвердить импорт»: the mapping step (mapping.py)
  shows which file column goes to which field (a file with exactly the template's headers
  goes straight to the preview, which says so); the preview writes nothing; the confirm
  step re-checks the file with the same mapping and writes all rows or none (a row error
  rolls back everything instead of being reported as «Import finished»);
- .xlsx, .xls and .csv (mentorship.lib.tables.read_table reads them);
- errors name the Excel row and the column, file-level problems say which formats are read etc.;
- uploads wait in a private directory and are removed after the import, after a failed
  preview, or when abandoned (import_tmp_purge);
- export writes real dates and numbers, text as text cells, respects the changelist
  filters, and leaves out a base's special fields for users who may not see them.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import router
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.signals import post_import

from mentorship.lib.tables import read_table
from mentorship.lib.xlsx import XlsxFileError, check_xlsx_size

from .bulk import create_rows
from .mapping import ColumnMapping, MappingError, Targets, automatic_mapping, remember
from .mapping_form import MAPPING_STEP, STEP_FIELD, MappingForm
from .registry import base_for_model
from .services import NO_ROWS
from .uploads import ImportTempStorage, import_tmp_purge, upload_kind
from .xlsx_templates import import_rules

logger = logging.getLogger(__name__)

IMPORT_LOG_MESSAGE = "Импорт из Excel (xlsx)"
ACCEPTED_FILES = (
    ".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
    "application/vnd.ms-excel,text/csv"
)
UPLOAD_GONE = (
    "Файл для импорта не найден: предпросмотр устарел или уже был подтверждён. "
    "Загрузите файл ещё раз."
)


def _session_key(upload_name: str) -> str:
    return f"xlsx-import:{upload_name}"


class XlsxImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = "Файл (.xlsx, .xls или .csv)"
        self.fields["import_file"].widget.attrs["accept"] = ACCEPTED_FILES

    # Fields a base adds to the upload form (its XlsxOptions), shown after the file.
    option_names: tuple[str, ...] = ()

    @property
    def xlsx_extra_fields(self):
        return [self[name] for name in self.option_names if name in self.fields]

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_xlsx_size(upload.size)
        except XlsxFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class XlsxImportExportMixin(ImportExportMixin):
    import_template_name = "admin/import_export/xlsx_import.html"
    export_template_name = "admin/import_export/xlsx_export.html"
    import_form_class = XlsxImportForm
    export_form_class = ExportForm
    tmp_storage_class = ImportTempStorage

    # --- shared --------------------------------------------------------------------------

    @property
    def formats(self):
        # settings.IMPORT_EXPORT_FORMATS names classes by dotted path (importing them in
        # settings would be circular); import-export 4.4 expects the classes themselves.
        return [import_string(f) if isinstance(f, str) else f for f in super().formats]

    def has_import_permission(self, request):
        return base_for_model(self.model).may_import(request.user)

    def has_export_permission(self, request):
        return base_for_model(self.model).may_export(request.user)

    def get_import_resource_kwargs(self, request, **kwargs):
        resource_kwargs = {
            "user": request.user,
            "expected_fingerprint": kwargs.get("expected_fingerprint"),
        }
        form = kwargs.get("form")
        cleaned = getattr(form, "cleaned_data", None) or {}
        for option in base_for_model(self.model).options:
            if cleaned.get(option.name) is not None:
                resource_kwargs[option.name] = cleaned[option.name]
        return resource_kwargs

    # A base's options (e.g. which roadmap) are asked on the upload form and carried,
    # hidden, by the confirm form to the real import.

    def create_import_form(self, request):
        return self._with_options(super().create_import_form(request))

    def _blank_import_form(self, request):
        """The upload form, unbound: shown above a mapping step, a preview or a result."""
        form_class = self.get_import_form_class(request)
        return self._with_options(
            form_class(self.get_import_formats(), self.get_import_resource_classes(request))
        )

    def _with_options(self, form):
        options = base_for_model(self.model).options
        for option in options:
            form.fields[option.name] = option.form_field()
        form.option_names = tuple(option.name for option in options)
        return form

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_context_data(self, **kwargs):
        base = base_for_model(self.model)
        return {"xlsx_base": base, "import_rules": import_rules(base)}

    # --- import --------------------------------------------------------------------------

    def import_action(self, request, **kwargs):
        """Upload → mapping step → preview. The upload waits in ImportTempStorage; the
        session keeps, per upload, its base, its file name, and — once previewed — the
        mapping and the fingerprint of the rows it matched: only this session may go on
        with it, and the confirm uses exactly what the preview showed."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            import_tmp_purge()
            if request.POST.get(STEP_FIELD) == MAPPING_STEP:
                return self._mapping_posted(request)
        form = self.create_import_form(request)
        if request.method != "POST" or not form.is_valid():
            return self._render(request, form)
        upload = form.cleaned_data["import_file"]
        data = b"".join(upload.chunks())
        try:
            table = read_table(data, upload.name)
        except XlsxFileError as error:
            form.add_error("import_file", str(error))
            return self._render(request, form)
        except Exception as error:  # a reader's bug must not become a 500
            logger.exception("xlsx import: file could not be read", exc_info=error)
            form.add_error("import_file", "Не удалось прочитать файл.")
            return self._render(request, form)
        if not table.rows:
            form.add_error("import_file", NO_ROWS)
            return self._render(request, form)
        storage = ImportTempStorage(kind=upload_kind(upload.name))
        storage.save(data)
        storage.save_table(table)  # the next steps use it, not a new parse of the file
        request.session[_session_key(storage.name)] = {
            "base": base_for_model(self.model).code,
            "filename": upload.name,
        }
        options = self._options(form.cleaned_data)
        targets = self._targets(request, table)
        auto = automatic_mapping(base_for_model(self.model).code, targets, table.headers)
        if auto.is_exact(targets):
            return self._preview(request, storage, table, targets, auto, options, form)
        mapping_form = self._mapping_form(targets, auto, table, storage.name, options)
        return self._render(request, form, mapping_form=mapping_form)

    def _targets(self, request, table) -> Targets:
        return Targets(base_for_model(self.model).resource(request.user), table.headers)

    def _options(self, cleaned: dict) -> dict:
        return {
            option.name: cleaned.get(option.name)
            for option in base_for_model(self.model).options
            if cleaned.get(option.name) is not None
        }

    def _with_hidden_options(self, form) -> None:
        for option in base_for_model(self.model).options:
            field = option.form_field()
            field.widget = forms.HiddenInput()
            form.fields[option.name] = field

    def _mapping_form(self, targets, auto, table, name, options, data=None):
        initial = {"import_file_name": name, **options}
        form = MappingForm(data, targets=targets, auto=auto, table=table, initial=initial)
        self._with_hidden_options(form)
        return form

    def _mapping_posted(self, request):
        """The curator confirmed the mapping step: remember it, then the preview."""
        name = request.POST.get("import_file_name", "")
        record = request.session.get(_session_key(name))
        if not record or record.get("base") != base_for_model(self.model).code:
            # Not this session's upload (or not of this base): not touched.
            messages.error(request, UPLOAD_GONE)
            return HttpResponseRedirect(self._import_url())
        storage = ImportTempStorage(name=name)
        try:
            table = storage.read_table(record["filename"])
        except (OSError, XlsxFileError):
            request.session.pop(_session_key(name), None)
            storage.remove()
            messages.error(request, UPLOAD_GONE)
            return HttpResponseRedirect(self._import_url())
        targets = self._targets(request, table)
        auto = automatic_mapping(base_for_model(self.model).code, targets, table.headers)
        mapping_form = self._mapping_form(targets, auto, table, name, {}, data=request.POST)
        if not mapping_form.is_valid():
            return self._render(request, self._blank_import_form(request), mapping_form)
        remember(base_for_model(self.model).code, mapping_form.mapping, request.user)
        options = self._options(mapping_form.cleaned_data)
        return self._preview(request, storage, table, targets, mapping_form.mapping, options)

    def _preview(self, request, storage, table, targets, mapping, options, form=None):
        """The dry run with this mapping; a clean one waits for «Подтвердить импорт»."""
        key = _session_key(storage.name)
        record = request.session.get(key) or {}
        resource = base_for_model(self.model).resource(request.user, **options)
        try:
            dataset = mapping.apply(table, targets)
        except MappingError as error:
            request.session.pop(key, None)
            storage.remove()
            messages.error(request, str(error))
            return HttpResponseRedirect(self._import_url())
        result = resource.import_data(
            dataset, dry_run=True, raise_errors=False, file_name=record.get("filename")
        )
        extra = {
            "result": result,
            "mapping_exact": mapping.is_exact(targets),
            "mapping_lines": mapping.lines(targets),
        }
        if result.has_issues():
            # Nothing to confirm: the upload goes now.
            request.session.pop(key, None)
            storage.remove()
        else:
            record.update(fingerprint=result.fingerprint, mapping=mapping.to_data())
            request.session[key] = record
            extra["confirm_form"] = self._confirm_form(
                request, storage.name, record.get("filename", ""), options, mapping
            )
        form = form or self._blank_import_form(request)
        return self._render(request, form, **extra)

    def _confirm_form(self, request, name, filename, options, mapping):
        initial = {
            "import_file_name": name,
            "original_file_name": filename,
            "format": "0",
            "resource": "",
            "xlsx_mapping": mapping.digest(),
            **options,
        }
        return self._with_confirm_fields(self.get_confirm_form_class(request)(initial=initial))

    def create_confirm_form(self, request, import_form=None):
        return self._with_confirm_fields(super().create_confirm_form(request, import_form))

    def _with_confirm_fields(self, form):
        """The options and the digest of the previewed mapping, carried hidden."""
        self._with_hidden_options(form)
        form.fields["xlsx_mapping"] = forms.CharField(widget=forms.HiddenInput(), required=False)
        return form

    def _import_url(self) -> str:
        return reverse(
            "admin:{}_{}_import".format(*self.get_model_info()), current_app=self.admin_site.name
        )

    def _render(self, request, form, mapping_form=None, **extra):
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            title="Импорт",
            form=form,
            mapping_form=mapping_form,
            opts=self.model._meta,
            media=self.media + form.media,
            import_error_display=self.import_error_display,
            **extra,
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        import_url = self._import_url()
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            messages.error(request, "Подтверждение не распознано. Загрузите файл ещё раз.")
            return HttpResponseRedirect(import_url)
        storage = ImportTempStorage(name=confirm_form.cleaned_data["import_file_name"])
        record = request.session.pop(_session_key(storage.name), None) or {}
        try:
            if "fingerprint" not in record or record.get("base") != base_for_model(self.model).code:
                raise FileNotFoundError(storage.name)
            storage.read()  # still there (its table, read at the upload, is used below)
        except OSError:
            messages.error(request, UPLOAD_GONE)
            return HttpResponseRedirect(import_url)
        try:
            mapping = ColumnMapping.from_data(record["mapping"])
            if mapping.digest() != confirm_form.cleaned_data["xlsx_mapping"]:
                raise MappingError(
                    "Сопоставление колонок изменилось после этого предпросмотра (возможно, в "
                    "другой вкладке). Ничего не записано: загрузите файл ещё раз."
                )
            table = storage.read_table(record["filename"])
            dataset = mapping.apply(table, self._targets(request, table))
            result = self.process_dataset(
                dataset,
                confirm_form,
                request,
                expected_fingerprint=record["fingerprint"],
                file_name=record["filename"],
                **kwargs,
            )
        except (XlsxFileError, MappingError) as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(import_url)
        finally:
            storage.remove()
        if result.has_issues():
            # The rows were rolled back; show why instead of «Import finished».
            messages.error(request, "Импорт отменён, ничего не записано: исправьте ошибки.")
            return self._render_result(request, result)
        return self.process_result(result, request)

    def _render_result(self, request, result):
        return self._render(request, self._blank_import_form(request), result=result)

    def process_result(self, result, request):
        self.generate_log_entries(result, request)
        self.add_success_message(result, request)
        post_import.send(sender=None, model=self.model)
        return HttpResponseRedirect(
            reverse(
                "admin:{}_{}_changelist".format(*self.get_model_info()),
                current_app=self.admin_site.name,
            )
        )

    def add_success_message(self, result, request):
        counts = result.counts
        messages.success(
            request,
            f"Импорт выполнен: новых — {counts['new']}, изменённых — {counts['changed']}, "
            f"без изменений — {counts['unchanged']}.",
        )

    def _create_log_entry(self, user_pk, rows, import_type, action_flag):
        if not rows:
            return
        if len(rows) == 1:
            LogEntry.objects.log_actions(
                user_pk, rows, action_flag, change_message=IMPORT_LOG_MESSAGE, single_object=True
            )
            return
        # What LogEntry.objects.log_actions() writes, in a few statements for thousands
        # of rows (its bulk_create() spends seconds on a 5,000-row import).
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        entries = [
            LogEntry(
                user_id=user_pk,
                content_type_id=content_type.pk,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                action_flag=action_flag,
                change_message=IMPORT_LOG_MESSAGE,
            )
            for obj in rows
        ]
        create_rows(LogEntry, entries, using=router.db_for_write(LogEntry))

    # --- export --------------------------------------------------------------------------

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        # Real dates and numbers in the workbook, not their text (import-export decides
        # this by the exact format class, which ours is not).
        kwargs["force_native_type"] = True
        dataset = self.get_data_for_export(request, queryset, **kwargs)
        return file_format.export_data(dataset)

    def get_export_filename(self, request, queryset, file_format):
        base = base_for_model(self.model)
        return f"{base.code}-{timezone.localdate():%Y-%m-%d}.xlsx"
