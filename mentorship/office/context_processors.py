from django.urls import reverse

from accounts.roles import Role


def _link(label: str, url_name: str, *args) -> dict:
    return {"label": label, "url": reverse(url_name, args=args)}


def _menu(label: str, *links: dict) -> dict:
    return {"label": label, "children": list(links)}


def _items_for(user) -> list[dict]:
    """The navigation a role may use; a role never sees a link it would get 403 on."""
    items = [_link("Главная", "home")]
    if user.has_role(Role.CURATOR, Role.DIRECTOR):
        bases = [
            _link("Люди", "admin:people_person_changelist"),
            _link("Наставники", "admin:people_mentorprofile_changelist"),
            _link("Наставляемые", "admin:people_menteeprofile_changelist"),
            _link("Организации-партнёры", "admin:people_partnerorganisation_changelist"),
            _link("Согласия", "admin:people_consent_changelist"),
            _link("Реестр документов", "admin:documents_registereddocument_changelist"),
            _link("Документы программы", "documents:papers"),
        ]
        if user.has_role(Role.CURATOR):
            # It moves the people of the base (courses, graduates) and ends their pairs.
            bases.append(_link("Перевод на новый учебный год", "roadmap:roll-over"))
        items.append(_menu("Базы", *bases))
        pairs = [
            _link("Пары и группы", "admin:pairs_pair_changelist"),
            _link("Встречи", "admin:pairs_meeting_changelist"),
            _link("Индивидуальные планы", "admin:pairs_individualplan_changelist"),
            _link("Достижения", "admin:pairs_achievement_changelist"),
        ]
        if user.has_role(Role.CURATOR):
            pairs.insert(0, _link("Подбор наставников", "pairs:matching"))
        items.append(_menu("Пары", *pairs))
        surveys = [
            _link("Опросы", "surveys:wave-list"),
            _link("Удовлетворённость", "surveys:satisfaction"),
            _link("Входная и итоговая диагностика", "surveys:entry-exit"),
        ]
        if user.has_role(Role.CURATOR):
            surveys[1:1] = [
                _link("Открыть опрос", "surveys:wave-create"),
                _link("Анкеты", "admin:surveys_questionnaire_changelist"),
            ]
        items.append(_menu("Опросы", *surveys))
        items.append(
            _menu(
                "Практики",
                _link("Кейсы и лучшие практики", "admin:cases_case_changelist"),
                _link("Методические материалы", "admin:cases_material_changelist"),
            )
        )
        items.append(_link("Дорожная карта", "roadmap:detail"))
        items.append(_link("Показатели и отчёт", "reports:dashboard"))
    if user.has_role(Role.MENTOR, Role.MENTEE):
        items.append(_link("Мои пары", "cabinet:pairs"))
    if user.has_role(Role.CURATOR):
        items.append(_link("Шаблоны и импорт", "people:templates"))
    if user.has_role(Role.ADMINISTRATOR):
        items.append(_link("Пользователи", "admin:accounts_user_changelist"))
        items.append(_link("Организация", "admin:people_college_changelist"))
    if user.has_role(Role.COORDINATOR):
        # The regional centre: its indicators, the upload, its lists in the admin.
        items.append(_link("Показатели региона", "region:dashboard"))
        items.append(_link("Загрузка пакетов", "region:upload"))
        items.append(_link("Колледжи", "admin:region_regioncollege_changelist"))
        items.append(
            _link("Региональные знаменатели", "admin:region_regionaldenominator_changelist")
        )
        items.append(_link("Журнал загрузок", "admin:region_packageupload_changelist"))
        # The centre's name and region head every regional report.
        items.append(_link("Региональный центр", "admin:region_regionalcentre_changelist"))
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": _items_for(user)}
