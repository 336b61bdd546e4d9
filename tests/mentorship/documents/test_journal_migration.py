"""The journal of downloads moved from roadmap to mentorship.documents: a college's existing
rows, their ids and the admin's content type (log entries, permissions) come along."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("roadmap", "0005_report_downloads"), ("documents", None)]
AFTER = [
    ("roadmap", "0006_reportdownload_to_documents"),
    ("documents", "0002_reportdownload_table"),
]


@pytest.fixture
def latest_schema_after():
    """The schema every other test expects, back after this test whatever happens: left at
    roadmap 0006, the tables would lack every later column (the next test restoring its
    serialized rows would then fail on them). The test leaves here the project state its
    last migrate returned (already rendered: the way back need not render it again)."""
    reached = {}
    yield reached
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes(), state=reached.get("state"))


# serialized_rollback: the flush after it must not recreate the content types the next
# transactional test restores from its own copy (PostgreSQL would refuse the duplicates).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_journal_rows_and_content_type_move_to_documents(latest_schema_after):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE[0]).apps
    OldDownload = old_apps.get_model("roadmap", "ReportDownload")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="roadmap", model="reportdownload")
    kept = OldDownload.objects.create(username="direktor", kind="kpi_report", year=2025)

    executor = MigrationExecutor(connection)  # a fresh graph, as `migrate` would load
    # The state migrate returns: every applied migration's models, rendered on the way.
    after = executor.migrate(AFTER)
    latest_schema_after["state"] = after
    new_apps = after.apps
    Download = new_apps.get_model("documents", "ReportDownload")
    row = Download.objects.get()
    assert (row.pk, row.username, row.kind, row.year) == (kept.pk, "direktor", "kpi_report", 2025)
    assert Download._meta.db_table == "documents_reportdownload"
    ContentType = new_apps.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="documents", model="reportdownload").exists()
    assert not ContentType.objects.filter(app_label="roadmap", model="reportdownload").exists()
