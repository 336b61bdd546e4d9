"""Model.validate_constraints() with a model's check constraints asked in one query.

Django asks the database about each CheckConstraint in a query of its own (Q.check), inside
a savepoint of its own when a transaction is open, and annotates every field of the
instance again for each: three statements and a full query compile per constraint. A model
cleaned on every write or by the hundred (a pair: four constraints) takes the mixin
ChecksAtOnce, whose validate_constraints() is validate_constraints_at_once(): the same
constraints, the same SQL condition (COALESCE(condition, TRUE), as Q.check writes it), the
same errors in the same order, in one query and one savepoint. Other constraints (unique
ones) are validated as Django does; on a database error, or a database that cannot select a
condition, the check constraints are too.
"""

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def _checks_passed(instance, model_class, checks, exclude, using) -> dict[int, bool] | None:
    """Whether each check constraint holds for the instance (by the constraint's id); a
    constraint naming an excluded field is left out, as CheckConstraint.validate() skips it.
    None: ask Django's way."""
    connection = connections[using]
    if not connection.features.supports_comparing_boolean_expr:
        return None
    query = Query(None)
    against = instance._get_field_expression_map(meta=model_class._meta, exclude=exclude)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    asked = {}
    for index, constraint in enumerate(checks):
        alias = f"_check_{index}"
        holds = Coalesce(
            ExpressionWrapper(Q(constraint.condition), output_field=BooleanField()),
            Value(True),
            output_field=BooleanField(),
        )
        try:
            query.add_annotation(holds, alias)
        except FieldError:
            continue
        asked[alias] = constraint
    if not asked:
        return {}
    selected = list(query.annotation_select)
    context = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with context:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return None
    return {id(asked[alias]): bool(value) for alias, value in zip(selected, row, strict=True)}


def validate_constraints_at_once(instance, exclude=None) -> None:
    """Model.validate_constraints(), the check constraints of each model class in one query."""
    using = router.db_for_write(instance.__class__, instance=instance)
    errors = {}
    for model_class, model_constraints in instance.get_constraints():
        checks = [c for c in model_constraints if isinstance(c, CheckConstraint)]
        passed = _checks_passed(instance, model_class, checks, exclude, using) if checks else {}
        for constraint in model_constraints:
            try:
                if passed is None or not isinstance(constraint, CheckConstraint):
                    constraint.validate(model_class, instance, exclude=exclude, using=using)
                elif not passed.get(id(constraint), True):
                    raise ValidationError(
                        constraint.get_violation_error_message(),
                        code=constraint.violation_error_code,
                    )
            except ValidationError as e:
                if getattr(e, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(e)
                else:
                    errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


class ChecksAtOnce:
    """A model mixin: validate_constraints() (full_clean's) asks the model's check
    constraints in one query (validate_constraints_at_once). For the models cleaned on every
    write or by the hundred: a pair in its services, a person and a consent in the admin
    forms, the import and the demo's check."""

    def validate_constraints(self, exclude=None):
        validate_constraints_at_once(self, exclude=exclude)
