"""List filters shared by the people, mentor and mentee screens."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .consent_rules import adult_consent_due, consent_on_file_q
from .models import Consent
from .models.persons import CATEGORY_FIELDS, SPECIAL_CATEGORIES_PERM, SPECIAL_CATEGORY_FIELDS


class PersonPathMixin:
    """person_path: how to reach the Person from the listed model ('' for Person itself)."""

    person_path = ""

    def person_field(self, name: str) -> str:
        return f"{self.person_path}{name}"


class ConsentFilter(PersonPathMixin, admin.SimpleListFilter):
    title = "согласие на обработку ПДн"
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [
            ("valid", "есть действующее"),
            ("none", "нет действующего"),
            ("withdrawn", "отозвано"),
            ("adult_renew", "совершеннолетие наступило — нужно новое согласие"),
        ]

    def queryset(self, request, queryset):
        person_ref = OuterRef(self.person_field("pk") if self.person_path else "pk")
        valid = consent_on_file_q(person_path=self.person_path)
        withdrawn = Exists(Consent.objects.filter(person=person_ref, withdrawn_on__isnull=False))
        if self.value() == "valid":
            return queryset.filter(valid)
        if self.value() == "none":
            return queryset.exclude(valid)
        if self.value() == "withdrawn":
            return queryset.filter(withdrawn).exclude(valid)
        if self.value() == "adult_renew":
            due = adult_consent_due(today=timezone.localdate()).values("pk")
            return queryset.filter(**{f"{self.person_field('pk')}__in": due})
        return queryset


class CategoryFilter(PersonPathMixin, admin.SimpleListFilter):
    title = "категория обучающегося"
    parameter_name = "category"

    def lookups(self, request, model_admin):
        allowed = request.user.has_perm(SPECIAL_CATEGORIES_PERM)
        return [
            (field, label)
            for field, label in CATEGORY_FIELDS
            if allowed or field not in SPECIAL_CATEGORY_FIELDS
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in dict(self.lookup_choices):
            return queryset.filter(**{self.person_field(value): True})
        return queryset


class ParticipationFilter(admin.SimpleListFilter):
    title = "участие в программе"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [
            ("mentor", "наставник"),
            ("mentee", "наставляемый"),
            ("participant", "наставник или наставляемый"),
            ("none", "не участвует"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "mentor":
            return queryset.filter(mentor_profile__isnull=False)
        if value == "mentee":
            return queryset.filter(mentee_profile__isnull=False)
        if value == "participant":
            return queryset.filter(
                Q(mentor_profile__isnull=False) | Q(mentee_profile__isnull=False)
            )
        if value == "none":
            return queryset.filter(mentor_profile__isnull=True, mentee_profile__isnull=True)
        return queryset


def person_filters(person_path: str):
    """The consent and category filters bound to a path to Person."""
    consent = type("PersonConsentFilter", (ConsentFilter,), {"person_path": person_path})
    category = type("PersonCategoryFilter", (CategoryFilter,), {"person_path": person_path})
    return consent, category


class TypedValueFilter(PersonPathMixin, admin.SimpleListFilter):
    """A filter the curator types into («ТМ-21», «Кузбасс»), not a column of links: a big
    college has hundreds of study groups and partners, and a list of them all is neither
    readable nor cheap to draw on every page. Matches the start of any word, any case."""

    template = "admin/filter_typed.html"
    field_name = ""  # on Person; person_path leads there from the listed model
    placeholder = ""

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def choices(self, changelist):
        # Django's «Все» choice, plus the other filters' parameters the form must keep.
        everything = next(iter(super().choices(changelist)))
        everything["query_parts"] = [
            (name, value)
            for name, values in changelist.get_filters_params().items()
            if name != self.parameter_name
            for value in (values if isinstance(values, list) else [values])
        ]
        everything["value"] = self.value() or ""
        everything["placeholder"] = self.placeholder
        yield everything

    def queryset(self, request, queryset):
        typed = " ".join((self.value() or "").split())
        if not typed:
            return queryset
        # SQLite folds case for Latin letters only: ask for the typed and capitalised forms.
        field = self.person_field(self.field_name)
        variants = {typed, typed.upper(), typed.capitalize(), typed.lower()}
        match = Q()
        for variant in variants:
            match |= Q(**{f"{field}__startswith": variant})
            match |= Q(**{f"{field}__contains": f" {variant}"})
            match |= Q(**{f"{field}__contains": f"«{variant}"})
        return queryset.filter(match)


class StudyGroupFilter(TypedValueFilter):
    title = "группа"
    parameter_name = "group"
    field_name = "study_group"
    placeholder = "например, ТМ-21"


class OrganisationFilter(TypedValueFilter):
    title = "организация"
    parameter_name = "org"
    field_name = "organisation__name"
    placeholder = "часть названия"


def typed_filters(person_path: str):
    """The study group and organisation filters bound to a path to Person."""
    group = type("PersonStudyGroupFilter", (StudyGroupFilter,), {"person_path": person_path})
    org = type("PersonOrganisationFilter", (OrganisationFilter,), {"person_path": person_path})
    return group, org
