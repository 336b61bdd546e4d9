"""Emptying the programme's data before a new generated college (`--flush`).

Deletes every row of the people, pairs, surveys and roadmap apps and their history tables,
except the reference data the migrations ship (forms of mentoring and role models,
competencies, questionnaires with questions and choices, indicators) and the College card;
and the bench's own logins. One DELETE per table: the ORM's delete() would first load every
row to send signals, which takes minutes at this size.
"""

from django.apps import apps
from django.db import connection, transaction

APPS = ("people", "pairs", "surveys", "roadmap")
KEEP = {
    "people.mentoringform",
    "people.rolemodel",
    "people.competency",
    "people.college",
    "surveys.questionnaire",
    "surveys.question",
    "surveys.choice",
    "roadmap.indicator",
}


def _models() -> list:
    models = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label_lower not in KEEP and not model._meta.proxy:
                models.append(model)
    return models


def _delete_order(models: list) -> list:
    """Referencing tables before the tables they reference."""
    tables = {m._meta.db_table: m for m in models}
    refs = {
        m._meta.db_table: {
            f.related_model._meta.db_table
            for f in m._meta.concrete_fields
            if f.is_relation and f.related_model is not None
        }
        & set(tables)
        for m in models
    }
    order, done = [], set()

    def visit(table, path=()):
        if table in done or table in path:
            return
        for other, targets in refs.items():
            if table in targets and other != table:
                visit(other, (*path, table))
        done.add(table)
        order.append(table)

    for table in sorted(tables):
        visit(table)
    return order


def wipe(usernames=()) -> int:
    """Delete the programme's data; returns how many rows went."""
    from accounts.models import User

    deleted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _delete_order(_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            deleted += max(cursor.rowcount, 0)
        deleted += User.objects.filter(username__in=list(usernames)).delete()[0]
    return deleted
