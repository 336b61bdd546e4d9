"""«Требует внимания»: what the office should deal with now, for the start page.

Each item is a count and a link to the list that shows exactly those records (an admin
list with its filter, the matching page, the roadmap filtered to overdue, the surveys). A
fixed number of aggregate queries; counts the start page already has (consents, inactive
pairs) are passed in, not counted twice.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q
from django.urls import reverse

from accounts.roles import Role
from mentorship.lib.database import rows_pointing_here
from mentorship.lib.periods import ReportPeriod
from mentorship.pairs.models import Pair
from mentorship.people.consent_rules import adult_consent_due
from mentorship.people.models import MenteeProfile
from mentorship.people.models.persons import SPECIAL_CATEGORIES_PERM
from mentorship.people.selectors import academic_year_start_month
from mentorship.surveys.models import Invitation, Response, Wave
from roadmap import selectors as roadmap_selectors
from roadmap.kpi import MissingDenominator, regional_denominators_missing

LOW_RESPONSE_PERCENT = 50
# A wave closed this many days ago is still worth a reminder round or paper copies.
RECENTLY_CLOSED_DAYS = 14
WAITING_STATUSES = (MenteeProfile.Status.WAITING, MenteeProfile.Status.NO_PAIR)


@dataclass(frozen=True)
class AttentionItem:
    key: str
    label: str
    count: int
    url: str
    hint: str = ""
    # (text, url): what to do, item by item, each where it is done.
    links: tuple[tuple[str, str], ...] = ()


def _url(name: str, query: str = "") -> str:
    return reverse(name) + query


def low_response_waves(today: dt.date):
    """Waves open today or closed in the last RECENTLY_CLOSED_DAYS days with fewer than
    LOW_RESPONSE_PERCENT % of the invited having answered."""
    since = today - dt.timedelta(days=RECENTLY_CLOSED_DAYS)
    recent = Q(closed_early_at__isnull=True, closes_on__gte=since) | Q(
        closed_early_at__date__gte=since
    )
    return (
        Wave.objects.filter(recent, opened_on__lte=today)
        .alias(
            invited=rows_pointing_here(Invitation.objects, "wave"),
            answered_x100=rows_pointing_here(Response.objects, "invitation__wave") * 100,
        )
        .filter(invited__gt=0, answered_x100__lt=F("invited") * LOW_RESPONSE_PERCENT)
    )


def _regional_denominators(missing: dict[ReportPeriod, list[MissingDenominator]]):
    """The regional shares with a target for a period and no region's figure entered for
    it: the indicator's card (the table «данные за периоды» is on it) for each; the item's
    own link lists those indicators."""
    missing = {period: found for period, found in missing.items() if found}
    periods = " и ".join(period.label for period in missing)
    keys = " или ".join(period.key for period in missing)
    several = len(missing) > 1
    codes = ",".join(sorted({m.computation for found in missing.values() for m in found}))
    return AttentionItem(
        "regional_denominators",
        f"Показателей без регионального знаменателя за {periods}",
        sum(len(found) for found in missing.values()),
        _url("admin:roadmap_indicator_changelist", f"?computation__in={codes}"),
        (
            f"Откройте показатель и в таблице «данные за периоды» добавьте строку: период "
            f"{keys}, знаменатель — число по субъекту РФ, источник. Пока его нет, в "
            "отчёте вместо статуса — «нет регионального знаменателя»."
        ),
        tuple(
            (
                f"{m.label} — знаменатель: {m.figure}" + (f" ({period.label})" if several else ""),
                reverse("admin:roadmap_indicator_change", args=[m.indicator_id])
                + "#year_data-group",
            )
            for period, found in missing.items()
            for m in found
        ),
    )


def attention_items(*, user, bases, pairs, today: dt.date) -> list[AttentionItem]:
    """Everything that needs attention, in the order of the seven stages; only the items
    with a count above zero. bases and pairs: the start page's bases_summary() and
    pairs_summary().

    The regional denominators are the curator's alone (the director enters no figures; two
    queries, not run for the director), for the running report periods a college sets its
    targets by: the calendar year of today and the academic year of today (the college's
    start month)."""
    curator = user.has_role(Role.CURATOR)
    missing = {}
    if curator:
        running = (
            ReportPeriod.calendar(today.year),
            ReportPeriod.of_day(
                today, academic=True, start_month=academic_year_start_month()
            ),
        )
        missing = regional_denominators_missing(running)
    waiting = MenteeProfile.objects.filter(status__in=WAITING_STATUSES).count()
    without_plan = Pair.objects.filter(status=Pair.Status.ACTIVE, plan__isnull=True).count()
    roadmap = roadmap_selectors.roadmap_current(today)
    overdue = roadmap_selectors.overdue_count(roadmap, today)
    waves = low_response_waves(today).count()
    items = [
        AttentionItem(
            "consent",
            "Участников без действующего согласия на обработку персональных данных",
            bases.participants_without_consent,
            _url("admin:people_person_changelist", "?role=participant&consent=none"),
            "В пару можно включить только человека с согласием.",
        ),
        AttentionItem(
            "disabled_consent",
            "Обучающихся с ОВЗ без согласия",
            bases.disabled_without_consent
            if user.has_perm(SPECIAL_CATEGORIES_PERM)
            else 0,
            _url("admin:people_person_changelist", "?category=has_disability&consent=none"),
        ),
        AttentionItem(
            "adult_consent",
            "Исполнилось 18 лет, а согласие подписал законный представитель: нужно новое согласие",
            adult_consent_due(today=today).count(),
            _url("admin:people_person_changelist", "?consent=adult_renew"),
            "С 18 лет согласие на обработку персональных данных даёт сам человек.",
        ),
        AttentionItem(
            "waiting",
            "Наставляемых, ожидающих наставника",
            waiting,
            _url("pairs:matching")
            if curator
            else _url(
                "admin:people_menteeprofile_changelist",
                "?status__in=" + ",".join(WAITING_STATUSES),
            ),
            "Подбор продолжается, пока пара не найдена.",
        ),
        AttentionItem(
            "no_plan",
            "Работающих пар без индивидуального плана",
            without_plan,
            _url("admin:pairs_pair_changelist", "?status__exact=active&plan__isnull=True"),
        ),
        AttentionItem(
            "inactive",
            f"Неактивных пар (нет встреч дольше {pairs.inactivity_days} дн.)",
            pairs.inactive,
            _url("admin:pairs_pair_changelist", "?activity=inactive"),
        ),
        AttentionItem(
            "overdue",
            "Просроченных мероприятий дорожной карты",
            overdue,
            _url("roadmap:detail", "?overdue=on"),
        ),
        AttentionItem(
            "low_response",
            f"Опросов, где ответили меньше {LOW_RESPONSE_PERCENT} % приглашённых",
            waves,
            _url("surveys:wave-list"),
            "Идут или закрыты за последние две недели: напомните или раздайте бумажные анкеты.",
        ),
        _regional_denominators(missing),
    ]
    return [item for item in items if item.count]
