"""Which fields the registry misses: privacy_gaps() names every text, e-mail, file or date
field of a model that reaches a person and is declared nowhere, and every declaration that
does not fit its model (a misspelt field, a field declared twice, a way of destroying that
the field's type cannot take).

A model reaches the person when a chain of foreign keys, one-to-one or many-to-many fields
leads from it to the person's model or to what that model points to one-to-one (the
login: its names are the person's). simple-history's history_user does not count: it
points at whoever edited a row and copies nothing of them. A history table is checked
against its model's declaration (the destruction walks both), plus the columns
simple-history adds (HISTORY_FIELDS).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from . import DESTROYED, GENERIC, HISTORY_FIELDS, How, ModelPrivacy

# The field types that can hold a name, a contact, a text about someone, a scan or a date
# of their life; subclasses (EmailField, SlugField, URLField, DateTimeField) included.
CHECKED = (models.CharField, models.TextField, models.FileField, models.DateField)
TEXT = (models.CharField, models.TextField)
NOT_A_PATH = frozenset({"history_user"})


def _base(model: type[models.Model]) -> type[models.Model] | None:
    """The model a simple-history table keeps the versions of (None for other models)."""
    return getattr(model, "instance_type", None)


def _targets(model: type[models.Model]) -> list[type[models.Model]]:
    return [
        field.related_model
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model is not None
        and field.name not in NOT_A_PATH
    ]


def models_reaching(
    subject: type[models.Model], candidates: Iterable[type[models.Model]]
) -> list[type[models.Model]]:
    """The candidates that reach `subject` (itself included), in the candidates' order;
    history tables follow their model."""
    candidates = list(candidates)
    reached = {subject}
    reached.update(
        field.related_model
        for field in subject._meta.concrete_fields
        if field.one_to_one and field.related_model is not None
    )
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in reached or _base(model) is not None:
                continue
            if any(target in reached for target in _targets(model)):
                reached.add(model)
                changed = True
    return [model for model in candidates if model in reached or _base(model) in reached]


def _label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return (
        f"{model._meta.label}.{name} ({type(field).__name__} «{field.verbose_name}» "
        f"of «{model._meta.verbose_name}»)"
    )


def _home(model: type[models.Model]) -> str:
    return f"{model._meta.app_config.name}.privacy"


def _entry_problems(entry: ModelPrivacy) -> list[str]:
    model = entry.model
    problems = []
    seen = set()
    for declared in entry.fields:
        where = f"{model._meta.label}: «{declared.name}» (in {_home(model)})"
        if declared.name in seen:
            problems.append(f"{where} is declared twice")
        seen.add(declared.name)
        try:
            field = model._meta.get_field(declared.name)
        except FieldDoesNotExist:
            problems.append(f"{where} is no field of the model")
            continue
        if not getattr(field, "concrete", False) or field.many_to_many:
            problems.append(f"{where} is no column of the model")
            continue
        if entry.rows is None or entry.destroy is not None or declared.how not in DESTROYED:
            continue
        if declared.how not in GENERIC:
            problems.append(f"{where}: {declared.how} needs the model's own destroy()")
        elif declared.how == How.DELETE_FILE and not isinstance(field, models.FileField):
            problems.append(f"{where}: {declared.how} needs a file field")
        elif declared.how != How.DELETE_FILE and not isinstance(field, TEXT):
            problems.append(f"{where}: {declared.how} needs a text field")
    if entry.rows is not None and entry.destroy is None and entry.names(*DESTROYED):
        if not entry.item:
            problems.append(f"{model._meta.label}: the act needs an item (in {_home(model)})")
    return problems


def privacy_gaps(
    *,
    subject: type[models.Model],
    candidates: Iterable[type[models.Model]],
    declared: Iterable[ModelPrivacy],
) -> list[str]:
    """One readable line per problem; [] when the declarations cover every field."""
    declared = list(declared)
    by_model = {entry.model: entry for entry in declared}
    problems = []
    for entry in declared:
        problems += _entry_problems(entry)
    history = {field.name for field in HISTORY_FIELDS}
    for model in models_reaching(subject, candidates):
        base = _base(model)
        entry = by_model.get(base or model)
        names = {field.name for field in entry.fields} if entry else set()
        if base is not None:
            names |= history
        for field in model._meta.concrete_fields:
            if not isinstance(field, CHECKED) or field.name in names:
                continue
            owner = base or model
            problems.append(
                f"{_label(model, field.name)} is neither personal data nor declared free of "
                f"it: declare it in {_home(owner)} ({owner.__name__})"
            )
    return problems
