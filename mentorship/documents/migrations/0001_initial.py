"""The journal of downloads moves here from roadmap: the table and its rows stay, only the
model's owner changes (its table is renamed in 0002), and the admin's content type follows
so that log entries and permissions keep pointing at it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_move(apps, schema_editor, *, source: str, target: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model="reportdownload").update(app_label=target)


def forwards(apps, schema_editor):
    content_type_move(apps, schema_editor, source="roadmap", target="documents")


def backwards(apps, schema_editor):
    content_type_move(apps, schema_editor, source="documents", target="roadmap")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("roadmap", "0005_report_downloads"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReportDownload",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="когда"
                            ),
                        ),
                        ("username", models.CharField(max_length=150, verbose_name="логин")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("kpi_report", "Отчёт о реализации программы наставничества"),
                                    ("order_pairs", "Проект приказа о закреплении пар"),
                                    ("order_mentors", "Проект приказа о назначении наставников"),
                                    ("order_rewards", "Проект приказа о поощрении участников"),
                                ],
                                max_length=20,
                                verbose_name="документ",
                            ),
                        ),
                        (
                            "year",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="год"
                            ),
                        ),
                        (
                            "rows",
                            models.PositiveIntegerField(
                                blank=True,
                                help_text="Для приказов — сколько пар или наставников в документе.",
                                null=True,
                                verbose_name="строк в документе",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="учётная запись",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "скачивание документа",
                        "verbose_name_plural": "журнал скачиваний документов",
                        "ordering": ["-at", "-pk"],
                        "db_table": "roadmap_reportdownload",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
