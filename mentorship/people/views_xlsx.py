from django.http import Http404
from django.shortcuts import render

from accounts.access import role_required
from accounts.roles import Role


@role_required(Role.CURATOR)
def templates_index(request):
    return render(request, "people/xlsx_index.html", {})


@role_required(Role.CURATOR)
def template_download(request, base: str):
    raise Http404
