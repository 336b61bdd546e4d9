"""xlsx import and export on the bases' admin pages (django-import-export), in Russian.

A base's ModelAdmin takes XlsxImportExportMixin first in its bases and names its resource
in resource_classes; the base itself comes from the registry (base_for_model).

What is changed from import-export's defaults, and why:
- upload → preview → «Подтвердить импорт»: the preview writes nothing; the confirm step
  re-checks the file and writes all rows or none (a row error rolls back everything
  instead of being reported as «Import finished»);
- errors name the Excel row and the column, file-level problems say «только .xlsx» etc.;
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

from mentorship.lib.xlsx import SafeXLSX, XlsxFileError, check_xlsx_size

from .bulk import create_rows
from .registry import base_for_model
from .uploads import ImportTempStorage, import_tmp_purge
from .xlsx_templates import import_rules

logger = logging.getLogger(__name__)

IMPORT_LOG_MESSAGE = "Импорт из Excel (xlsx)"


def _session_key(upload_name: str) -> str:
    return f"xlsx-import:{upload_name}"


class XlsxImportForm(ImportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = "Файл .xlsx"
        self.fields["import_file"].widget.attrs["accept"] = (
            ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

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
        form = super().create_import_form(request)
        options = base_for_model(self.model).options
        for option in options:
            form.fields[option.name] = option.form_field()
        form.option_names = tuple(option.name for option in options)
        return form

    def create_confirm_form(self, request, import_form=None):
        form = super().create_confirm_form(request, import_form)
        for option in base_for_model(self.model).options:
            field = option.form_field()
            field.widget = forms.HiddenInput()
            form.fields[option.name] = field
        return form

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            for option in base_for_model(self.model).options:
                initial[option.name] = import_form.cleaned_data.get(option.name)
        return initial

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_context_data(self, **kwargs):
        base = base_for_model(self.model)
        return {"xlsx_base": base, "import_rules": import_rules(base)}

    # --- import --------------------------------------------------------------------------

    def write_to_tmp_storage(self, import_file, input_format):
        storage = self.get_tmp_storage_class()(read_mode="rb")
        storage.save(b"".join(import_file.chunks()))
        return storage

    def add_data_read_fail_error_to_form(self, form, e):
        self._remove_upload(form)  # before add_error() drops it from cleaned_data
        if isinstance(e, XlsxFileError):
            form.add_error("import_file", str(e))
            return
        logger.exception("xlsx import: file could not be read", exc_info=e)
        form.add_error("import_file", "Не удалось прочитать файл. Поддерживается только .xlsx.")

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            import_tmp_purge()
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if "confirm_form" in context:
            # Only this session may confirm this upload, and only if the rows it matched
            # are still as the preview showed them.
            name = context["confirm_form"].initial["import_file_name"]
            request.session[_session_key(name)] = context["result"].fingerprint
        else:
            # Nothing to confirm (errors, or an unreadable file): the upload goes now.
            self._remove_upload(context.get("form"))
        return response

    def _remove_upload(self, form) -> None:
        upload = getattr(form, "cleaned_data", {}).get("import_file") if form else None
        name = getattr(upload, "tmp_storage_name", None)
        if name:
            ImportTempStorage(name=name).remove()

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        import_url = reverse(
            "admin:{}_{}_import".format(*self.get_model_info()), current_app=self.admin_site.name
        )
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            messages.error(request, "Подтверждение не распознано. Загрузите файл ещё раз.")
            return HttpResponseRedirect(import_url)
        storage = ImportTempStorage(name=confirm_form.cleaned_data["import_file_name"])
        expected = request.session.pop(_session_key(storage.name), None)
        try:
            if expected is None:
                raise FileNotFoundError(storage.name)
            data = storage.read()
        except OSError:
            messages.error(
                request,
                "Файл для импорта не найден: предпросмотр устарел или уже был подтверждён. "
                "Загрузите файл ещё раз.",
            )
            return HttpResponseRedirect(import_url)
        try:
            dataset = SafeXLSX().create_dataset(data)
            result = self.process_dataset(
                dataset, confirm_form, request, expected_fingerprint=expected, **kwargs
            )
        except XlsxFileError as error:
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
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        context.update(
            title="Импорт",
            form=form,
            opts=self.model._meta,
            media=self.media + form.media,
            result=result,
            import_error_display=self.import_error_display,
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

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
