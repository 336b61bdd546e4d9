"""The upload screen's form: several package files at once."""

from django import forms
from django.conf import settings


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Файлы пакетов",
        help_text=(
            "Пакеты колледжей в формате .json или .xlsx, как их выгрузили колледжи; "
            f"до {settings.DATA_UPLOAD_MAX_NUMBER_FILES} файлов за раз (больше — командой "
            "region_upload)."
        ),
        error_messages={
            "required": "Выберите один или несколько файлов пакетов.",
            "empty": "Файл пуст.",
            "invalid": "Файл не получен: выберите его ещё раз.",
        },
        widget=MultipleFileInput(attrs={"accept": ".json,.xlsx"}),
    )
