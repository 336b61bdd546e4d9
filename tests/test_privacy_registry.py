"""The privacy registry covers every field that can hold a person's data: a text, e-mail,
file or date field added to any model that reaches a person fails here until its app's
`privacy` module says how it is destroyed or why it may stay.

Which models: every model of the project's own apps with a chain of foreign keys to
Person or to its login (Person.user: the login's names are the person's), Person and the
login included, and their simple-history tables — the destruction rewrites the earlier
versions too, so a column there is as personal as in the main table.
"""

import dataclasses
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from mentorship import privacy
from mentorship.people.destruction import CLEARED_FLAGS, RETAINED_FIELDS, placeholder_values
from mentorship.people.models import Person
from mentorship.privacy import How, ModelPrivacy, destroyed
from mentorship.privacy.checks import models_reaching, privacy_gaps

BASE_DIR = Path(settings.BASE_DIR).resolve()


def project_models():
    """The models of the apps in this repository (not Django's, not the libraries')."""
    own = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(BASE_DIR)
        and ".venv" not in Path(config.path).resolve().relative_to(BASE_DIR).parts
    ]
    return [model for config in own for model in config.get_models()]


def gaps(declared):
    return privacy_gaps(subject=Person, candidates=project_models(), declared=declared)


def without_field(model, name):
    """The registry as it is, but `name` of `model` declared nowhere."""
    changed = []
    for entry in privacy.entries():
        if entry.model is model:
            fields = tuple(f for f in entry.fields if f.name != name)
            assert len(fields) < len(entry.fields), f"{name} was not declared"
            entry = dataclasses.replace(entry, fields=fields)
        changed.append(entry)
    return changed


def test_every_personal_field_is_declared():
    problems = gaps(privacy.entries())
    assert not problems, "\n" + "\n".join(problems)


def test_the_walk_reaches_the_models_that_hold_a_persons_data():
    """The checker checks what it must: models reaching a person through one foreign key
    or several, the login, the history tables; not the programme's reference lists."""
    from django.contrib.auth import get_user_model

    from mentorship.pairs.models import Meeting, PlanTask
    from mentorship.people.models import MentoringForm
    from mentorship.surveys.models import Answer, Questionnaire
    from roadmap.models import Indicator

    reached = set(models_reaching(Person, project_models()))
    for model in (Person, Person.history.model, get_user_model(), PlanTask, Answer):
        assert model in reached, model
    assert Meeting.history.model in reached
    for model in (MentoringForm, Questionnaire, Indicator):
        assert model not in reached, model


def test_a_field_declared_nowhere_is_reported_by_model_and_field():
    from mentorship.pairs.models import Meeting

    problems = gaps(without_field(Meeting, "notes"))
    assert any(p.startswith("pairs.Meeting.notes (TextField «заметки»") for p in problems)
    assert any(p.startswith("pairs.HistoricalMeeting.notes (TextField") for p in problems)
    assert all("mentorship.pairs.privacy" in p for p in problems), problems
    assert len(problems) == 2, problems


def test_a_model_declared_nowhere_is_reported_field_by_field():
    from mentorship.surveys.models import Answer

    problems = gaps([entry for entry in privacy.entries() if entry.model is not Answer])
    assert problems == [
        "surveys.Answer.text (TextField «текст» of «ответ на вопрос») is neither personal data "
        "nor declared free of it: declare it in mentorship.surveys.privacy (Answer)"
    ]


def test_a_misspelt_or_doubled_field_is_reported():
    from mentorship.surveys.models import Answer

    declared = [
        dataclasses.replace(e, fields=(*e.fields, destroyed("txet", How.CLEAR), e.fields[0]))
        if e.model is Answer
        else e
        for e in privacy.entries()
    ]
    problems = gaps(declared)
    assert "surveys.Answer: «txet» (in mentorship.surveys.privacy) is no field of the model" in (
        problems
    )
    assert "surveys.Answer: «text» (in mentorship.surveys.privacy) is declared twice" in problems


def test_a_way_of_destroying_the_field_cannot_take_is_reported():
    """The generic walk empties texts and deletes files; a date needs the model's own
    destroy(), and an entry that destroys something must name it for the act."""
    from mentorship.pairs.models import Meeting

    entry = ModelPrivacy(
        Meeting,
        fields=(destroyed("date", How.CLEAR), destroyed("notes", How.COARSEN_DATE)),
        rows=lambda person: models.Q(pair__mentor__person=person),
    )
    problems = privacy_gaps(subject=Person, candidates=[], declared=[entry])
    assert problems == [
        "pairs.Meeting: «date» (in mentorship.pairs.privacy): clear needs a text field",
        "pairs.Meeting: «notes» (in mentorship.pairs.privacy): coarsen_date needs the model's "
        "own destroy()",
        "pairs.Meeting: the act needs an item (in mentorship.pairs.privacy)",
    ]


def test_the_person_declaration_says_what_the_destruction_does():
    """Person is destroyed by people.destruction's own code: its declaration and that code
    name the same fields, and another legal basis keeps only fields it declares."""
    (entry,) = [e for e in privacy.entries() if e.model is Person]
    person = Person(pk=1, birth_date=Person._meta.get_field("birth_date").to_python("2008-11-23"))
    gone = set(entry.names(How.CLEAR, How.REPLACE, How.COARSEN_DATE))
    assert gone == set(placeholder_values(person))
    assert set(CLEARED_FLAGS) <= gone
    declared = {f.name for f in entry.fields}
    for kept in RETAINED_FIELDS.values():
        assert set(kept) <= declared
