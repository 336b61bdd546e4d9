"""RELIABILITY 27 and 31, end to end.

27: every URL the resolver knows — named or not, the admin's included — is requested by an
anonymous visitor; only the declared public pages answer, everything else sends to the login
page. Unlike the table of tests/url_roles_table.py (named URLs, their `login_required`
marks) this walks the real middleware stack, so removing LoginRequiredMiddleware or opening
a view by mistake fails here.

31: forged POSTs with ids of other objects in the forms the office and the participants
post — formsets of the admin, hidden ids, multiple choices — are refused and the database
is unchanged.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from mentorship.pairs import services as pair_services
from mentorship.pairs.models import IndividualPlan, Meeting, PlanTask
from tests.factories import pair_create
from tests.test_url_roles import snapshot

# Pages an anonymous visitor may open: the login page, the password reset pages (the link
# comes by e-mail) and the personal survey link.
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "surveys_public:fill",
    "surveys_public:done",
}

SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x/1",
    "uuid": "0" * 8 + "-0000" * 3 + "-" + "0" * 12,
}


def _route_path(pattern) -> str:
    """A concrete path for a route or regex pattern (sample values for its parameters)."""
    text = str(pattern.pattern).removeprefix("^")
    # Regex: a named group of literal alternatives takes the first; anything else a sample.
    text = re.sub(r"\(\?P<\w+>([\w-]+(?:\|[\w-]+)*)\)", lambda m: m.group(1).split("|")[0], text)
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)
    text = text.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    # Route: <converter:name> or <name>.
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "1"), text)


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
            yield from _walk(pattern.url_patterns, prefix + _route_path(pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(p for p in (namespace, pattern.name or "") if p)
            yield "/" + prefix + _route_path(pattern), name or f"(unnamed {pattern.pattern})"


def every_route() -> list[tuple[str, str]]:
    """(path, name) of every URL pattern; admin.site.urls holds each registered ModelAdmin's
    own URLs (import, export, history…)."""
    return sorted(set(_walk(get_resolver().url_patterns)))


def test_every_url_but_the_public_ones_sends_an_anonymous_visitor_to_login(client, db):
    routes = every_route()
    assert len(routes) > 100  # the admin's URLs are walked too
    assert any(name.startswith("admin:people_person_") for _path, name in routes)
    open_to_anyone, wrong = set(), []
    for path, name in routes:
        response = client.get(path)
        location = response.get("Location", "")
        if response.status_code == 302 and location.startswith(
            (reverse("login") + "?next=", reverse("admin:login") + "?next=")
        ):
            continue
        if name in PUBLIC:
            open_to_anyone.add(name)
            continue
        wrong.append(f"{path} ({name}): {response.status_code} {location}")
    assert not wrong, "open without a login:\n" + "\n".join(wrong)
    # Every declared public page is really reachable: the list says no more than is true.
    assert open_to_anyone == PUBLIC


def test_the_admin_login_itself_leads_to_the_site_login(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_every_registered_model_admin_is_walked(db):
    names = {name for _path, name in every_route()}
    for model in admin.site._registry:
        meta = model._meta
        assert f"admin:{meta.app_label}_{meta.model_name}_changelist" in names, meta.label


# --- 31: forged ids ---------------------------------------------------------------------------

TODAY = timezone.localdate()


@pytest.fixture
def two_plans(db):
    a, b = pair_create(), pair_create()
    plans = {}
    for pair in (a, b):
        plan = pair_services.plan_save(pair=pair, goals="Освоить профессию")
        task = PlanTask.objects.create(
            plan=plan, title=f"Задача пары {pair.pk}", due_date=TODAY, mentee=pair.mentees.get()
        )
        plans[pair] = (plan, task)
    return a, b, plans


def _plan_post(plan, rows):
    data = {
        "goals": plan.goals,
        "tasks-TOTAL_FORMS": str(len(rows)),
        "tasks-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"tasks-{index}-{field}"] = value
        data[f"tasks-{index}-plan"] = str(plan.pk)
    return data


def _inline_prefix(client, plan) -> str:
    page = client.get(reverse("admin:pairs_individualplan_change", args=[plan.pk]))
    assert page.status_code == 200
    return re.search(r'name="([\w-]+)-TOTAL_FORMS"', page.content.decode()).group(1)


def _forged_plan_post(client, a, b, plans, forgery):
    plan_a, task_a = plans[a]
    _plan_b, task_b = plans[b]
    prefix = _inline_prefix(client, plan_a)
    row = {
        "id": str(task_a.pk),
        "title": "Переписано",
        "due_date": TODAY.strftime("%d.%m.%Y"),
        "mentee": str(a.mentees.get().pk),
    }
    if forgery == "task":
        row["id"] = str(task_b.pk)
    else:
        row["mentee"] = str(b.mentees.get().pk)
    data = {
        key.replace("tasks-", f"{prefix}-", 1): value
        for key, value in _plan_post(plan_a, [row]).items()
    }
    return client.post(reverse("admin:pairs_individualplan_change", args=[plan_a.pk]), data)


def test_curator_plan_formset_with_another_pairs_mentee_is_refused(client_for, curator, two_plans):
    a, b, plans = two_plans
    client = client_for(curator)
    before = snapshot()
    response = _forged_plan_post(client, a, b, plans, "mentee")
    assert response.status_code == 200  # the form again, with the error
    assert response.context["errors"]
    assert snapshot() == before


def test_curator_plan_formset_with_another_plans_task_id_never_touches_that_task(
    client_for, curator, two_plans
):
    """Django's inline formset does not take a row whose id is not of this plan: the row is
    dropped (the page still says «изменено» — see the report), the other plan's task and
    every other pair stay as they were."""
    a, b, plans = two_plans
    client = client_for(curator)
    before = snapshot()
    _forged_plan_post(client, a, b, plans, "task")
    after = snapshot()
    # Plan A itself was saved (its own form, unchanged goals): only its timestamp moved.
    changed = {key for key in before if before[key] != after[key]}
    assert changed <= {"pairs.individualplan"}
    _plan_b, task_b = plans[b]
    plan_a, task_a = plans[a]
    for task in (task_a, task_b):
        fresh = PlanTask.objects.get(pk=task.pk)
        assert (fresh.plan_id, fresh.title, fresh.mentee_id) == (
            task.plan_id,
            task.title,
            task.mentee_id,
        )
    assert PlanTask.objects.count() == 2
    assert IndividualPlan.objects.get(pk=plan_a.pk).goals == plan_a.goals


def test_mentor_meeting_with_a_foreign_attendee_or_in_another_pair_changes_nothing(
    client_for, two_plans
):
    from accounts.roles import Role
    from tests.factories import UserFactory

    a, b, _plans = two_plans
    mentor = UserFactory(username="mentor-a", role=Role.MENTOR)
    a.mentor.person.user = mentor
    a.mentor.person.save()
    client = client_for(mentor)
    meeting = {
        "kind": Meeting.Kind.REGULAR,
        "date": TODAY.isoformat(),
        "format": Meeting.Format.IN_PERSON,
        "topic": "Подделка",
    }
    before = snapshot()
    foreign_attendee = client.post(
        reverse("cabinet:pair", args=[a.pk]), {**meeting, "attendees": [b.mentees.get().pk]}
    )
    assert foreign_attendee.status_code == 200
    assert foreign_attendee.context["form"].errors["attendees"]
    another_pair = client.post(reverse("cabinet:pair", args=[b.pk]), meeting)
    assert another_pair.status_code == 404
    assert snapshot() == before
