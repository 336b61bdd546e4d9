"""A curator, in real headless Chromium, forms a pair from a mentee's suggested mentors."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from mentorship.pairs.models import Pair
from mentorship.people.models import Competency, MenteeProfile, MenteeRequest
from tests.factories import MentorProfileFactory, PersonFactory, UserFactory, consented, pair_ready

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_curator_forms_pair_from_top_suggestion(page, live_server, log_in):
    UserFactory(username="kurator", role=Role.CURATOR)
    mentor, mentees, form = pair_ready("teacher-student")
    mentor.person.last_name = "Наставникова"
    mentor.person.save()
    demo = Competency.objects.get(name="Подготовка к демонстрационному экзамену")
    mentor.competencies.add(demo)
    mentee = mentees[0]
    mentee.person.last_name = "Ожидаев"
    mentee.person.save()
    MenteeRequest.objects.create(mentee=mentee, topic=demo, raised_by="self")
    weaker = MentorProfileFactory(
        person=consented(PersonFactory(teacher=True, last_name="Запасная"))
    )

    log_in("kurator")
    expect(page.get_by_role("heading", name="Рабочий стол куратора")).to_be_visible()
    page.goto(f"{live_server.url}/pairs/matching/")
    row = page.locator("#waiting-list tr", has_text="Ожидаев")
    expect(row).to_contain_text("2")  # suitable mentors
    row.get_by_role("link", name="Подобрать").click()

    expect(
        page.get_by_role("heading", name=re.compile("Подбор наставника: Ожидаев"))
    ).to_be_visible()
    suggestions = page.locator("#suggestions tbody tr")
    expect(suggestions).to_have_count(2)
    top = suggestions.first
    expect(top).to_contain_text("Наставникова")
    expect(top).to_contain_text("Закрывает запрос: Подготовка к демонстрационному экзамену")
    expect(suggestions.nth(1)).to_contain_text("Запасная")
    top.get_by_role("link", name="Сформировать пару").click()

    expect(page.get_by_role("heading", name="Сформировать пару / группу")).to_be_visible()
    expect(page.get_by_label("Наставник")).to_have_value(str(mentor.pk))
    expect(page.get_by_label("Наставляемые")).to_have_values([str(mentee.pk)])
    page.get_by_label("Номер приказа о закреплении").fill("№ 101-о")
    page.get_by_role("button", name="Сформировать").click()

    pair = Pair.objects.get()
    expect(page).to_have_url(re.compile(rf"/admin/pairs/pair/{pair.pk}/change/"))
    expect(page.get_by_text(f"Пара № {pair.pk} сформирована")).to_be_visible()
    assert pair.mentor == mentor and pair.order_number == "№ 101-о"
    assert list(pair.mentees.all()) == [mentee]
    assert pair.status == Pair.Status.FORMING
    mentee.refresh_from_db()
    assert mentee.status == MenteeProfile.Status.IN_PAIR
    assert weaker.pairs.count() == 0
