"""Targets and entered figures kept per report period: the key «2025» (calendar year) or
«2025/2026» (academic year) in `period` instead of the calendar year in `year`. Every row
so far was a calendar year's, so its key is the year written out; nothing is lost."""

from django.db import migrations, models

import roadmap.models.indicators

MODELS = (
    "indicatortarget",
    "indicatoryeardata",
    "historicalindicatortarget",
    "historicalindicatoryeardata",
)


def years_to_periods(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("roadmap", name)
        for year in model.objects.values_list("year", flat=True).distinct():
            model.objects.filter(year=year).update(period=str(year))


def periods_to_years(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("roadmap", name)
        for period in model.objects.values_list("period", flat=True).distinct():
            # An academic year goes back as the calendar year it opens in.
            model.objects.filter(period=period).update(year=int(period[:4]))


def _period_field(default=None):
    extra = {"default": default} if default is not None else {}
    return models.CharField(
        "период",
        max_length=9,
        help_text="Календарный год (2025) или учебный год (2025/2026).",
        validators=[roadmap.models.indicators.validate_period_key],
        **extra,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0010_academic_year_roll_over"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=name, name="period", field=_period_field(default=""))
            for name in MODELS
        ),
        # The year may be empty for the way back (filled there before it is required).
        *(
            migrations.AlterField(
                model_name=name, name="year", field=models.PositiveSmallIntegerField("год", null=True)
            )
            for name in MODELS
        ),
        migrations.RemoveConstraint(model_name="indicatortarget", name="roadmap_target_once"),
        migrations.RemoveConstraint(model_name="indicatoryeardata", name="roadmap_yeardata_once"),
        migrations.RunPython(years_to_periods, periods_to_years),
        *(migrations.RemoveField(model_name=name, name="year") for name in MODELS),
        *(
            migrations.AlterField(model_name=name, name="period", field=_period_field())
            for name in MODELS
        ),
        migrations.AlterModelOptions(
            name="indicatortarget",
            options={
                "ordering": ["indicator", "period"],
                "verbose_name": "целевое значение",
                "verbose_name_plural": "целевые значения",
            },
        ),
        migrations.AlterModelOptions(
            name="indicatoryeardata",
            options={
                "ordering": ["indicator", "period"],
                "verbose_name": "данные за год",
                "verbose_name_plural": "данные за годы",
            },
        ),
        migrations.AddConstraint(
            model_name="indicatortarget",
            constraint=models.UniqueConstraint(
                fields=("indicator", "period"), name="roadmap_target_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatoryeardata",
            constraint=models.UniqueConstraint(
                fields=("indicator", "period"), name="roadmap_yeardata_once"
            ),
        ),
    ]
