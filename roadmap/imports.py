"""The roadmap's two xlsx bases in the import registry: roadmap activities and KPI targets.

    python manage.py import_xlsx roadmap FILE [--roadmap ID_OR_TITLE] [--commit]
    python manage.py import_xlsx kpi-targets FILE [--commit]

Found by mentorship.imports.registry.xlsx_bases() (every app's `imports` module). Neither
base holds personal data: whoever may add and change activities (or indicators and their
targets) may import them, whoever may view them may export them.
"""

from django import forms

from mentorship.imports.registry import XlsxBase, XlsxOption, register
from mentorship.imports.widgets import match_key
from mentorship.lib.text import clean_spaces

from .kpi import computation_choices
from .models import Activity, Indicator, Roadmap
from .resources import ActivityResource, KpiTargetResource


def roadmap_from_text(text: str) -> Roadmap:
    """--roadmap: the roadmap's number (id) or its title, spelling aside."""
    text = clean_spaces(text)
    roadmaps = list(Roadmap.objects.all())
    if text.isdigit():
        found = [r for r in roadmaps if r.pk == int(text)]
    else:
        found = [r for r in roadmaps if match_key(r.title) == match_key(text)]
    if len(found) != 1:
        names = "; ".join(f"{r.pk} — {r.title}" for r in roadmaps) or "их нет"
        raise ValueError(f"нет такой дорожной карты «{text}»; есть: {names}")
    return found[0]


def roadmap_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Roadmap.objects.order_by("-start_date"),
        required=False,
        label="Дорожная карта",
        empty_label="текущая",
        help_text="Куда загрузить мероприятия; «текущая» — карта, период которой идёт сейчас.",
    )


ROADMAP_OPTION = XlsxOption(
    name="roadmap",
    flag="--roadmap",
    help="дорожная карта (номер или название); по умолчанию — текущая",
    parse=roadmap_from_text,
    form_field=roadmap_field,
)


def _activity_reference_lists():
    from .models.roadmaps import STAGES

    return [
        ("Этапы", [f"{number}. {title}" for number, title in STAGES]),
        ("Статусы", [label for _value, label in Activity.Status.choices]),
        (
            "Как писать срок",
            [
                "15.10.2022 или «до 01.12.2023» — дата",
                "01.09.2023-01.10.2023 — с даты по дату",
                "октябрь 2022, «сентябрь – октябрь 2022» — месяц",
                "ежегодно: май, сентябрь; «январь-февраль ежегодно» — каждый год периода",
                "весь период — до конца периода дорожной карты",
            ],
        ),
    ]


def _indicator_reference_lists():
    return [
        ("Показатели в системе", list(Indicator.objects.values_list("name", flat=True))),
        ("Как считаются показатели", [label for _code, label in computation_choices()]),
    ]


register(
    XlsxBase(
        code="roadmap",
        title="Мероприятия дорожной карты",
        model=Activity,
        resource_class=ActivityResource,
        identified_by="этапу (разделу) и названию мероприятия в выбранной дорожной карте",
        needs=(
            "Мероприятия загружаются в текущую дорожную карту или в выбранную; её период "
            "задаёт, к какому году относится месяц без года и срок «весь период»."
        ),
        import_permissions=(
            "roadmap.add_activity",
            "roadmap.change_activity",
            "roadmap.add_section",
        ),
        export_permissions=("roadmap.view_activity",),
        rules=(
            "Срок пишется как в дорожной карте: дата, месяц, «ежегодно: май, сентябрь» или "
            "«весь период» (примеры — на листе «Справка»).",
            "Колонку «Дата выполнения» можно не добавлять: тогда даты выполнения не меняются.",
        ),
        reference_lists=_activity_reference_lists,
        options=(ROADMAP_OPTION,),
    ),
    XlsxBase(
        code="kpi-targets",
        title="Целевые значения показателей",
        model=Indicator,
        resource_class=KpiTargetResource,
        identified_by="названию показателя (приписки «, %» и «(опросный)» не важны)",
        import_permissions=(
            "roadmap.add_indicator",
            "roadmap.change_indicator",
            "roadmap.add_indicatortarget",
            "roadmap.change_indicatortarget",
        ),
        export_permissions=("roadmap.view_indicator",),
        rules=(
            "Колонки: «Показатель», затем по колонке на каждый год — как таблица показателей "
            "в программе наставничества; заголовок колонки — год (2024).",
            "Пустая ячейка года не меняет целевое значение этого года.",
            "Показатель, которого нет в системе, будет добавлен как новый («вводится "
            "вручную»): предпросмотр называет такие строки; связать его с расчётом из данных "
            "можно в карточке показателя.",
        ),
        reference_lists=_indicator_reference_lists,
    ),
)
