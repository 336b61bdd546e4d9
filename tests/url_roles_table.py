"""The roles table (RELIABILITY 28, issue 6): every named URL of the project × every role,
with the answer a GET must get.

Columns, in ROLES order: anonymous, администратор, куратор, директор, наставник,
наставляемый, координатор РНЦ. The coordinator's cell is a keyword every row must give
(row(..., coordinator=X)): the regional centre's role enters the admin site (its lists are
there) but holds permissions on the region's models only, so it is neither the office nor a
participant, and no default could say which it is. A cell is an HTTP status, "L" — a
redirect to the login page, or "→/path" — a redirect there. The mentor and mentee of the
table are the participants of pair A (the `world` of tests/test_url_roles.py); "another's
object" is pair B, whose participants they are not.

Admin URLs are listed per registered model (ADMIN) and expanded into names by
`admin_rows`; the meta-test compares the expanded names with the resolver, so a new
model or a new custom admin URL fails until it is written here.
"""

from django.urls import reverse

ROLES = ("anon", "administrator", "curator", "director", "mentor", "mentee", "coordinator")
L = "L"


def row(*cells, coordinator):
    """The college's six columns in order, then the coordinator's cell by name."""
    cells = (*cells, coordinator)
    assert len(cells) == len(ROLES), cells
    return dict(zip(ROLES, cells, strict=True))


# Named URLs deliberately not walked, with the reason for each.
EXEMPT = {
    "admin:jsi18n": "static JavaScript catalogue of the admin, no data",
    "admin:autocomplete": "answers only with app_label/model_name/field_name of a registered "
    "autocomplete field; permission is the model's view permission, checked by Django",
    "admin:view_on_site": "a redirect to get_absolute_url of an object, "
    "behind the admin's staff check; no data of its own",
    "admin:app_list": "the admin index filtered by app; same access as admin:index",
    "admin:login": "the admin's login page; redirects to the site login",
    "admin:logout": "logs out (POST only); no data",
    "logout": "logs out (POST only); no data",
    "admin:password_change": "the admin's password form, same view as password_change",
    "admin:password_change_done": "a static confirmation page",
    "password_reset_confirm": "needs a valid uid/token e-mailed to the user; public by design",
    "password_reset_complete": "a static public confirmation page",
    "password_reset_done": "a static public confirmation page",
    "password_change_done": "a static confirmation page after the password change",
}


def _r(name, *args):
    return reverse(name, args=args)


def _cabinet(w, which, name):
    pair = w[which]
    _plan, task, meeting = w[f"{which}_plan"]
    if name == "cabinet:pair":
        return _r(name, pair.pk)
    if name == "cabinet:task-mark":
        return _r(name, pair.pk, task.pk)
    return _r(name, pair.pk, meeting.pk)


def _package(w, inn: str) -> str:
    """The package of 2025 as json, the college's ИНН set first (empty: none)."""
    from mentorship.people.models import College

    College.objects.filter(pk=College.get().pk).update(inn=inn)
    return _r("package:download") + "?period=2025&format=json"


# name -> {case label: url builder(world)}. Most names have one case ("");
# the cabinet's have the participant's own pair and another pair's.
SITE_URLS = {
    "home": {"": lambda w: _r("home")},
    "login": {"": lambda w: _r("login")},
    "password_change": {"": lambda w: _r("password_change")},
    "password_reset": {"": lambda w: _r("password_reset")},
    "accounts-issued": {"": lambda w: _r("accounts-issued")},
    "people:templates": {"": lambda w: _r("people:templates")},
    "people:template-download": {"": lambda w: _r("people:template-download", "people")},
    "people:consent-scan": {"": lambda w: w["consent"].scan.url},
    "cases:file": {"": lambda w: w["case_file"].file.url},
    "people:destruction-act": {"": lambda w: _r("people:destruction-act", w["destruction_act"].pk)},
    "documents:scan": {"": lambda w: w["registered"].scan.url},
    "documents:papers": {"": lambda w: _r("documents:papers")},
    "documents:paper": {"": lambda w: _r("documents:paper", "order_curator")},
    "pairs:matching": {"": lambda w: _r("pairs:matching")},
    "pairs:matching-proposal": {"": lambda w: _r("pairs:matching-proposal")},
    "pairs:matching-mentee": {
        "": lambda w: _r("pairs:matching-mentee", w["forming"].mentees.get().pk)
    },
    "pairs:pair-create": {"": lambda w: _r("pairs:pair-create")},
    "pairs:pair-activate": {"": lambda w: _r("pairs:pair-activate", w["forming"].pk)},
    "pairs:pair-finish": {"": lambda w: _r("pairs:pair-finish", w["a"].pk)},
    "pairs:pair-end-early": {"": lambda w: _r("pairs:pair-end-early", w["a"].pk)},
    "pairs:order-pairs": {"": lambda w: _r("pairs:order-pairs")},
    "pairs:order-mentors": {"": lambda w: _r("pairs:order-mentors")},
    "pairs:order-rewards": {"": lambda w: _r("pairs:order-rewards")},
    "pairs:order-plans": {"": lambda w: _r("pairs:order-plans")},
    "pairs:thanks-partners": {"": lambda w: _r("pairs:thanks-partners")},
    "pairs:certificates": {"": lambda w: _r("pairs:certificates")},
    "pairs:plan-print": {
        "own": lambda w: _r("pairs:plan-print") + f"?ids={w['a'].pk}",
        "another's": lambda w: _r("pairs:plan-print") + f"?ids={w['b'].pk}",
    },
    "pairs:agreement-print": {
        "own": lambda w: _r("pairs:agreement-print") + f"?ids={w['a'].pk}&format=docx",
        "another's": lambda w: _r("pairs:agreement-print") + f"?ids={w['b'].pk}&format=docx",
    },
    "admin:documents_documenttemplate_download": {
        "": lambda w: _r("admin:documents_documenttemplate_download", "order_mentors")
    },
    "cabinet:pairs": {"": lambda w: _r("cabinet:pairs")},
    **{
        name: {
            "own": lambda w, name=name: _cabinet(w, "a", name),
            "another's": lambda w, name=name: _cabinet(w, "b", name),
        }
        for name in ("cabinet:pair", "cabinet:task-mark", "cabinet:meeting")
    },
    "surveys:wave-list": {"": lambda w: _r("surveys:wave-list")},
    "surveys:wave-create": {"": lambda w: _r("surveys:wave-create")},
    "surveys:wave-detail": {
        "": lambda w: _r("surveys:wave-detail", w["wave"].pk),
        "partner": lambda w: _r("surveys:wave-detail", w["partner_wave"].pk),
    },
    "surveys:wave-send": {"": lambda w: _r("surveys:wave-send", w["wave"].pk)},
    "surveys:wave-close": {"": lambda w: _r("surveys:wave-close", w["wave"].pk)},
    "surveys:wave-print": {
        "": lambda w: _r("surveys:wave-print", w["wave"].pk),
        "partner": lambda w: _r("surveys:wave-print", w["partner_wave"].pk),
    },
    "surveys:wave-results": {
        "": lambda w: _r("surveys:wave-results", w["wave"].pk),
        "partner": lambda w: _r("surveys:wave-results", w["partner_wave"].pk),
    },
    "surveys:wave-export": {
        "": lambda w: _r("surveys:wave-export", w["wave"].pk),
        "partner": lambda w: _r("surveys:wave-export", w["partner_wave"].pk),
    },
    "surveys:satisfaction": {"": lambda w: _r("surveys:satisfaction")},
    "surveys:entry-exit": {"": lambda w: _r("surveys:entry-exit")},
    "surveys:paper-entry": {
        "": lambda w: _r("surveys:paper-entry", w["invitation"].pk),
        "partner": lambda w: _r("surveys:paper-entry", w["partner_invitation"].pk),
    },
    "surveys_public:fill": {
        "": lambda w: _r("surveys_public:fill", w["invitation"].token),
        "partner": lambda w: _r("surveys_public:fill", w["partner_invitation"].token),
    },
    "surveys_public:done": {
        "": lambda w: _r("surveys_public:done", w["answered"].token),
        "partner": lambda w: _r("surveys_public:done", w["partner_answered"].token),
    },
    "roadmap:detail": {
        "current": lambda w: _r("roadmap:detail"),
        "by pk": lambda w: _r("roadmap:detail", w["roadmap"].pk),
    },
    "roadmap:activity-done": {"": lambda w: _r("roadmap:activity-done", w["activity"].pk)},
    "roadmap:activity-undo": {"": lambda w: _r("roadmap:activity-undo", w["activity"].pk)},
    "roadmap:activity-year-undo": {
        "": lambda w: _r("roadmap:activity-year-undo", w["activity"].pk, 2025)
    },
    "roadmap:activity-status": {"": lambda w: _r("roadmap:activity-status", w["activity"].pk)},
    "roadmap:activity-evidence": {"": lambda w: _r("roadmap:activity-evidence", w["activity"].pk)},
    "roadmap:print": {"": lambda w: _r("roadmap:print") + f"?ids={w['roadmap'].pk}"},
    "roadmap:roll-over": {"": lambda w: _r("roadmap:roll-over")},
    "roadmap:roll-over-targets": {"": lambda w: _r("roadmap:roll-over-targets")},
    "reports:dashboard": {"": lambda w: _r("reports:dashboard")},
    "reports:kpi-report": {"": lambda w: _r("reports:kpi-report")},
    "reports:approve": {"": lambda w: _r("reports:approve")},
    "package:download": {
        "with ИНН": lambda w: _package(w, "4205000001"),
        "without ИНН": lambda w: _package(w, ""),
    },
    "admin:index": {"": lambda w: _r("admin:index")},
    "region:dashboard": {"": lambda w: _r("region:dashboard")},
    "region:report": {"": lambda w: _r("region:report")},
    "region:upload": {"": lambda w: _r("region:upload")},
    "admin:auth_user_password_change": {
        "": lambda w: _r("admin:auth_user_password_change", w["users"]["curator"].pk)
    },
}


def admin_url(w, model_key, view):
    app, model = model_key.split(".")
    name = f"admin:{app}_{model}_{view}"
    obj = w["objects"].get(model_key)
    if view in ("changelist", "add", "import", "process_import", "export"):
        return _r(name)
    if view == "simple_history":
        return _r(name, obj.pk, obj.history.first().history_id)
    return _r(name, obj.pk)


# --- the expected answers -------------------------------------------------------------------
# A cell: an int status; L — 302 to the login page; "→/path" — 302 to that path (a prefix).
OFFICE = row(L, 403, 200, 200, 403, 403, coordinator=403)  # curator and director read
CURATOR = row(
    L, 403, 200, 403, 403, 403, coordinator=403
)  # the curator's alone (writes, imports, PD exports)
ADMINISTRATOR = row(L, 200, 403, 403, 403, 403, coordinator=403)
CURATOR_ADMINISTRATOR = row(L, 200, 200, 403, 403, 403, coordinator=403)
# POST-only admin views past the site check (the coordinator passes it too).
CURATOR_NO_GET = row(L, 405, 405, 405, 403, 403, coordinator=405)
NOBODY = row(L, 403, 403, 403, 403, 403, coordinator=403)
LOGGED_IN = row(L, 200, 200, 200, 200, 200, coordinator=200)
PUBLIC = row(200, 200, 200, 200, 200, 200, coordinator=200)
PARTICIPANT = row(L, 403, 403, 403, 200, 200, coordinator=403)
ANOTHERS = row(L, 403, 403, 403, 404, 404, coordinator=403)
# Login lockouts (django-axes): no role holds their permissions; unlocking is
# the administrator's command axes_reset_username.
AXES = NOBODY
# The regional centre's own pages and lists: the coordinator's alone.
COORDINATOR = row(L, 403, 403, 403, 403, 403, coordinator=200)
POST_ONLY = row(
    L, 405, 405, 405, 405, 405, coordinator=405
)  # GET refused before the role is looked at

SITE = {
    # The coordinator's start is the region's dashboard.
    ("home", ""): {**LOGGED_IN, "coordinator": "→/region/"},
    ("login", ""): row(200, "→/", "→/", "→/", "→/", "→/", coordinator="→/"),
    ("password_change", ""): LOGGED_IN,
    ("password_reset", ""): PUBLIC,
    ("accounts-issued", ""): CURATOR,
    ("people:templates", ""): CURATOR,
    ("people:template-download", ""): CURATOR,
    ("people:consent-scan", ""): CURATOR_ADMINISTRATOR,
    # A case's file: the office's methodical material, the director reads it too.
    ("cases:file", ""): OFFICE,
    ("people:destruction-act", ""): CURATOR_ADMINISTRATOR,
    # A registered document's signed scan: the register's keeper and its reader.
    ("documents:scan", ""): OFFICE,
    # The papers page: the director reads it; the drafts are the curator's (orders).
    ("documents:papers", ""): OFFICE,
    ("documents:paper", ""): CURATOR,
    ("pairs:matching", ""): CURATOR,
    ("pairs:matching-proposal", ""): CURATOR,
    ("pairs:matching-mentee", ""): CURATOR,
    ("pairs:pair-create", ""): CURATOR,
    ("pairs:pair-activate", ""): CURATOR,
    ("pairs:pair-finish", ""): CURATOR,
    ("pairs:pair-end-early", ""): CURATOR,
    ("pairs:order-pairs", ""): CURATOR,
    ("pairs:order-mentors", ""): CURATOR,
    ("pairs:order-rewards", ""): CURATOR,
    ("pairs:order-plans", ""): CURATOR,
    ("pairs:thanks-partners", ""): CURATOR,
    ("pairs:certificates", ""): CURATOR,
    ("cabinet:pairs", ""): PARTICIPANT,
    ("cabinet:pair", "own"): PARTICIPANT,
    ("cabinet:pair", "another's"): ANOTHERS,
    ("cabinet:task-mark", "own"): POST_ONLY,
    ("cabinet:task-mark", "another's"): POST_ONLY,
    ("cabinet:meeting", "own"): PARTICIPANT,
    ("cabinet:meeting", "another's"): ANOTHERS,
    ("surveys:wave-list", ""): OFFICE,
    ("surveys:wave-create", ""): CURATOR,
    ("surveys:wave-detail", ""): CURATOR,
    ("surveys:wave-detail", "partner"): CURATOR,
    ("surveys:wave-send", ""): row(L, 403, 405, 403, 403, 403, coordinator=403),
    ("surveys:wave-close", ""): row(L, 403, 405, 403, 403, 403, coordinator=403),
    ("surveys:wave-print", ""): CURATOR,
    ("surveys:wave-print", "partner"): CURATOR,
    ("surveys:wave-results", ""): OFFICE,
    ("surveys:wave-results", "partner"): OFFICE,
    ("surveys:wave-export", ""): CURATOR,
    ("surveys:wave-export", "partner"): CURATOR,
    ("surveys:satisfaction", ""): OFFICE,
    ("surveys:entry-exit", ""): OFFICE,
    ("surveys:paper-entry", ""): CURATOR,
    ("surveys:paper-entry", "partner"): CURATOR,
    ("surveys_public:fill", ""): PUBLIC,
    ("surveys_public:fill", "partner"): PUBLIC,
    ("surveys_public:done", ""): PUBLIC,
    ("surveys_public:done", "partner"): PUBLIC,
    ("roadmap:detail", "current"): OFFICE,
    ("roadmap:detail", "by pk"): OFFICE,
    ("pairs:plan-print", "own"): row(L, 403, 200, 200, 200, 200, coordinator=403),
    ("pairs:plan-print", "another's"): row(L, 403, 200, 200, 404, 404, coordinator=403),
    # Drafts for signing: the director does not download them, as other drafts.
    ("pairs:agreement-print", "own"): row(L, 403, 200, 403, 200, 200, coordinator=403),
    ("pairs:agreement-print", "another's"): row(L, 403, 200, 403, 404, 404, coordinator=403),
    ("roadmap:print", ""): OFFICE,
    ("roadmap:activity-done", ""): CURATOR,
    ("roadmap:activity-undo", ""): POST_ONLY,
    ("roadmap:activity-year-undo", ""): POST_ONLY,
    ("roadmap:activity-status", ""): POST_ONLY,
    ("roadmap:activity-evidence", ""): OFFICE,
    ("roadmap:roll-over", ""): CURATOR,
    # The curator confirms the new year's targets (POST only): everyone else is refused first.
    ("roadmap:roll-over-targets", ""): row(L, 403, 405, 403, 403, 403, coordinator=403),
    ("reports:dashboard", ""): OFFICE,
    ("reports:kpi-report", ""): OFFICE,
    # The director approves a year's report (POST only): everyone else is refused first.
    ("reports:approve", ""): row(L, 403, 403, 405, 403, 403, coordinator=403),
    # The package for the regional centre: the report's readers download it; without the
    # college's ИНН they are sent back to the report page with the message.
    ("package:download", "with ИНН"): OFFICE,
    ("package:download", "without ИНН"): row(
        L, 403, "→/reports/?period=2025", "→/reports/?period=2025", 403, 403, coordinator=403
    ),
    # Anonymous: the admin index sends to the admin login, which sends to the site's.
    ("admin:index", ""): row("→/admin/login/", 200, 200, 200, 403, 403, coordinator=200),
    ("admin:auth_user_password_change", ""): ADMINISTRATOR,
    # The template in use, to start a letterhead from: whoever sees the template library.
    ("admin:documents_documenttemplate_download", ""): row(
        L, 200, 200, 200, 403, 403, coordinator=403
    ),
    # The regional centre (mentorship.region).
    ("region:dashboard", ""): COORDINATOR,
    ("region:report", ""): COORDINATOR,
    ("region:upload", ""): COORDINATOR,
}

# The bases of the office (people, pairs, surveys, roadmap): the curator keeps them, the
# director reads them; import and the export of personal data are the curator's.
_BASE = {
    "changelist": OFFICE,
    "change": OFFICE,
    "history": OFFICE,
    "simple_history": OFFICE,
    "add": CURATOR,
    "delete": CURATOR,
}
_IMPORT_EXPORT = {"import": CURATOR, "process_import": CURATOR_NO_GET, "export": CURATOR}
# Roadmap exports hold no personal data: the director may download them.
_ROADMAP_IMPORT_EXPORT = {**_IMPORT_EXPORT, "export": OFFICE}
_NO_HISTORY_LOG = {k: v for k, v in _BASE.items() if k != "simple_history"}

ADMIN = {
    "accounts.user": {
        "changelist": ADMINISTRATOR,
        "add": ADMINISTRATOR,
        "change": ADMINISTRATOR,
        "delete": ADMINISTRATOR,
        "history": ADMINISTRATOR,
    },
    # Groups are the roles: granted by migrations, looked at by the administrator.
    "auth.group": {
        "changelist": ADMINISTRATOR,
        "change": ADMINISTRATOR,
        "history": ADMINISTRATOR,
        "add": NOBODY,
        "delete": NOBODY,
    },
    "people.person": {**_BASE, **_IMPORT_EXPORT},
    "people.mentorprofile": {**_BASE, **_IMPORT_EXPORT},
    "people.menteeprofile": {**_BASE, **_IMPORT_EXPORT},
    "people.partnerorganisation": {**_BASE, **_IMPORT_EXPORT},
    "people.consent": _BASE,
    "people.competency": _NO_HISTORY_LOG,
    # Programme lengths per specialty: the curator keeps them for the roll-over.
    "people.specialtyprogramme": _NO_HISTORY_LOG,
    # Forms of mentoring: the curator adds the college's own; pairs keep a form, never deleted.
    "people.mentoringform": {**_NO_HISTORY_LOG, "delete": NOBODY},
    # One card of the college: the list goes straight to it.
    # Acts of destroyed personal data: written by the destruction job, read by the curator and
    # the administrator, never edited or deleted.
    "people.destructionact": {
        "changelist": CURATOR_ADMINISTRATOR,
        "change": CURATOR_ADMINISTRATOR,
        "history": CURATOR_ADMINISTRATOR,
        "add": NOBODY,
        "delete": NOBODY,
    },
    "people.college": {
        "changelist": row(
            L,
            "→/admin/people/college/",
            "→/admin/people/college/",
            "→/admin/people/college/",
            403,
            403,
            coordinator=403,
        ),
        "change": row(L, 200, 200, 200, 403, 403, coordinator=403),
        "history": row(L, 200, 200, 200, 403, 403, coordinator=403),
        "add": NOBODY,
        "delete": NOBODY,
    },
    # Pairs are formed on the matching screen (add redirects there) and never deleted.
    "pairs.pair": {
        **_BASE,
        "add": row(L, 403, "→/pairs/new/", 403, 403, 403, coordinator=403),
        "delete": NOBODY,
    },
    "pairs.individualplan": _BASE,
    "pairs.meeting": _BASE,
    "pairs.achievement": _BASE,
    "roadmap.roadmap": _BASE,
    "roadmap.activity": {**_BASE, **_ROADMAP_IMPORT_EXPORT},
    "roadmap.indicator": {**_BASE, **_ROADMAP_IMPORT_EXPORT},
    # The journal of document downloads: written by the report and order views, read by the
    # curator and the director; nobody adds, edits or deletes a row.
    "documents.reportdownload": {
        "changelist": OFFICE,
        "change": OFFICE,
        "history": OFFICE,
        "add": NOBODY,
        "delete": NOBODY,
    },
    # The college's .docx templates: the administrator and the curator replace them, the
    # director reads them.
    "documents.documenttemplate": {
        "changelist": row(L, 200, 200, 200, 403, 403, coordinator=403),
        "change": row(L, 200, 200, 200, 403, 403, coordinator=403),
        "history": row(L, 200, 200, 200, 403, 403, coordinator=403),
        "add": CURATOR_ADMINISTRATOR,
        "delete": CURATOR_ADMINISTRATOR,
    },
    # The register of documents: the curator keeps it, the director reads it.
    "documents.registereddocument": _BASE,
    # Cases and methodical materials: the curator keeps them, the director reads them.
    "cases.case": _NO_HISTORY_LOG,
    "cases.material": _NO_HISTORY_LOG,
    "surveys.questionnaire": _NO_HISTORY_LOG,
    "surveys.question": _NO_HISTORY_LOG,
    # Waves are made on the wave screen (add redirects there); answered waves stay.
    "surveys.wave": {
        **_NO_HISTORY_LOG,
        "add": row(L, 403, "→/surveys/new/", 403, 403, 403, coordinator=403),
        "delete": NOBODY,
    },
    # Invitations and responses are personal: the curator's only, written by the surveys.
    "surveys.invitation": {
        "changelist": CURATOR,
        "change": CURATOR,
        "history": CURATOR,
        "add": NOBODY,
        "delete": NOBODY,
    },
    **{
        f"axes.{model}": {
            "changelist": AXES,
            "change": AXES,
            "history": AXES,
            "add": AXES,
            "delete": AXES,
        }
        for model in ("accessattempt", "accesslog", "accessfailurelog")
    },
    # The regional centre's lists: the colleges and the denominators the coordinator keeps,
    # the packages and the journal written by the upload only, the centre's one card.
    "region.regioncollege": {
        "changelist": COORDINATOR,
        "add": COORDINATOR,
        "change": COORDINATOR,
        "history": COORDINATOR,
        "delete": NOBODY,
    },
    "region.regionaldenominator": {
        "changelist": COORDINATOR,
        "add": COORDINATOR,
        "change": COORDINATOR,
        "history": COORDINATOR,
        "delete": COORDINATOR,
    },
    **{
        f"region.{model}": {
            "changelist": COORDINATOR,
            "change": COORDINATOR,
            "history": COORDINATOR,
            "add": NOBODY,
            "delete": NOBODY,
        }
        for model in ("package", "packageupload")
    },
    "region.regionalcentre": {
        "changelist": row(
            L, 403, 403, 403, 403, 403, coordinator="→/admin/region/regionalcentre/1/change/"
        ),
        "change": COORDINATOR,
        "history": COORDINATOR,
        "add": NOBODY,
        "delete": NOBODY,
    },
    "surveys.response": {
        "changelist": CURATOR,
        "change": CURATOR,
        "history": CURATOR,
        "simple_history": CURATOR,
        "add": NOBODY,
        "delete": NOBODY,
    },
}


def admin_rows():
    """{(admin URL name, ""): row} for every view of every model in ADMIN."""
    rows = {}
    for model_key, views in ADMIN.items():
        app, model = model_key.split(".")
        for view, cells in views.items():
            rows[(f"admin:{app}_{model}_{view}", "")] = (model_key, view, cells)
    return rows


# Pages that only show: a POST to them is answered as a GET (or 405). For the director they
# must still write nothing; every other URL must refuse the director's POST with 403.
READ_ONLY = {
    "home",
    "admin:index",
    "surveys:wave-list",
    "surveys:wave-results",
    "surveys:satisfaction",
    "surveys:entry-exit",
    "reports:dashboard",
    "reports:kpi-report",
    "package:download",
    "roadmap:detail",
    "roadmap:activity-evidence",
    "admin:documents_documenttemplate_download",
    "documents:scan",
    "documents:papers",
    "cases:file",
    # The roadmap's exports hold no personal data (import-export posts its export form).
    "admin:roadmap_activity_export",
    "admin:roadmap_indicator_export",
}


def read_only(name: str) -> bool:
    return name in READ_ONLY or name.endswith(("_history", "_simple_history"))


# The one place the director writes: approving a finished year's report (the curator
# prepares the year, the director signs it off). The walk of the director's POSTs lets these
# answer otherwise than 403 and still checks that its stray POST wrote nothing;
# tests/roadmap/test_approval.py checks the approval itself.
DIRECTOR_WRITES = {
    "reports:approve": "approves a finished year's report: stores it as the year's report",
}
