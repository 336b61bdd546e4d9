"""«Загрузка пакетов»: the coordinator chooses files, sees what each would do (new, replaces
with the changes, refused), and confirms; mentorship.region.upload does the work.

The files wait between the preview and the confirmation the way the people import keeps its
uploads (mentorship.imports.uploads.ImportTempStorage: a private directory, owner-only files
with unguessable names, purged when abandoned); the session says which files are this
user's, under a token the confirmation posts back with the preview's fingerprint.
"""

from uuid import uuid4

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.access import role_required
from accounts.roles import Role
from mentorship.imports.uploads import ImportTempStorage, import_tmp_purge, upload_kind

from ..forms import UploadForm
from ..upload import UploadRefused, commit_packages, preview_packages

SESSION_KEY = "region_upload"
UPLOAD_GONE = (
    "Файлы этой загрузки больше не доступны (прошло много времени или загрузка уже "
    "выполнена). Выберите файлы ещё раз."
)
CHANGED = (
    "Пока вы смотрели предварительный просмотр, пакеты в РНЦ изменились. Проверьте "
    "изменения ещё раз и подтвердите загрузку."
)


def _remove(record) -> None:
    for stored, _name in record.get("files", []):
        ImportTempStorage(name=stored).remove()


def _keep(request, uploads) -> str:
    """Keep the uploaded files until the confirmation; the session's token for them."""
    old = request.session.pop(SESSION_KEY, None)
    if old:
        _remove(old)
    files = []
    for name, content in uploads:
        storage = ImportTempStorage(kind=upload_kind(name))
        storage.save(content)
        files.append([storage.name, name])
    token = uuid4().hex
    request.session[SESSION_KEY] = {"token": token, "files": files}
    return token


def _kept(request, token):
    """The files kept under the token: [(name, bytes)], or None if they are gone."""
    record = request.session.get(SESSION_KEY)
    if not record or not token or record.get("token") != token:
        return None
    try:
        return [(name, ImportTempStorage(name=stored).read()) for stored, name in record["files"]]
    except OSError:
        return None


def _forget(request) -> None:
    record = request.session.pop(SESSION_KEY, None)
    if record:
        _remove(record)


def _preview_page(request, preview, token, note=""):
    return render(
        request,
        "region/upload_preview.html",
        {"preview": preview, "token": token, "note": note},
    )


@never_cache
@role_required(Role.COORDINATOR)
def upload(request):
    if request.method != "POST":
        return render(request, "region/upload.html", {"form": UploadForm()})
    import_tmp_purge()
    if request.POST.get("step") == "confirm":
        return _confirm(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "region/upload.html", {"form": form})
    uploads = [(file.name, b"".join(file.chunks())) for file in form.cleaned_data["files"]]
    preview = preview_packages(uploads)
    if not preview.ok:
        _forget(request)
        return _preview_page(request, preview, token="")
    return _preview_page(request, preview, token=_keep(request, uploads))


def _confirm(request):
    token = request.POST.get("token", "")
    files = _kept(request, token)
    if files is None:
        messages.error(request, UPLOAD_GONE)
        return redirect("region:upload")
    preview = preview_packages(files)
    if not preview.ok:
        _forget(request)
        return _preview_page(request, preview, token="")
    if preview.fingerprint != request.POST.get("fingerprint"):
        return _preview_page(request, preview, token=token, note=CHANGED)
    try:
        result = commit_packages(preview, username=request.user.get_username())
    except UploadRefused as error:
        _forget(request)
        messages.error(request, str(error))
        return redirect("region:upload")
    _forget(request)
    messages.success(request, result.message)
    return redirect("region:upload")
