"""List filters shared by the people, mentor and mentee screens."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .consent_rules import adult_consent_due
from .models import Consent
from .models.persons import CATEGORY_FIELDS, SPECIAL_CATEGORY_FIELDS


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
        valid = Exists(Consent.objects.valid().filter(person=person_ref))
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
        allowed = request.user.has_perm("people.view_special_categories")
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
