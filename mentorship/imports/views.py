"""The curator's page of xlsx templates, with the way in to import and export each base.

Mounted by people/urls.py, whose URL names (people:templates, people:template-download)
the menu and the curators' bookmarks use.
"""

from django.http import Http404
from django.shortcuts import render

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.responses import download_response
from mentorship.lib.xlsx import SafeXLSX

from .registry import xlsx_bases
from .xlsx_templates import import_rules, xlsx_template


@role_required(Role.CURATOR)
def templates_index(request):
    bases = [
        {
            "base": base,
            "rules": import_rules(base),
            "can_import": base.has_admin_pages and base.may_import(request.user),
            "can_export": base.has_admin_pages and base.may_export(request.user),
        }
        for base in xlsx_bases().values()
    ]
    return render(request, "imports/xlsx_index.html", {"bases": bases})


@role_required(Role.CURATOR)
def template_download(request, base: str):
    xlsx_base = xlsx_bases().get(base)
    if xlsx_base is None:
        raise Http404
    return download_response(
        xlsx_template(xlsx_base),
        filename=xlsx_base.template_filename,
        content_type=SafeXLSX().get_content_type(),
    )
