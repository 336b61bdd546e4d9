"""Items 1–18: imports (xlsx)."""

_PEOPLE = "tests/mentorship/people/test_import_people.py"
_ADMIN = "tests/mentorship/imports/test_import_admin.py"
_PROFILES = "tests/mentorship/people/test_import_profiles.py"
_COMMAND = "tests/mentorship/imports/test_import_command.py"
_WIDGETS = "tests/mentorship/imports/test_widgets.py"
_SCALE = "tests/mentorship/imports/test_import_scale.py"
_EXPORT = "tests/mentorship/people/test_export_xlsx.py"
_CARD = "tests/mentorship/people/test_admin.py"
_MODELS = "tests/mentorship/people/test_models.py"
_XLSX = "tests/lib/test_xlsx.py"
_ROADMAP = "tests/roadmap/test_imports_roadmap.py"
_KPI = "tests/roadmap/test_imports_kpi_targets.py"
# The regional centre's upload of colleges' packages (all or nothing, like an import).
_REGION = "tests/region/test_upload.py"
_REGION_SCREEN = "tests/region/test_access.py"

COVERED: dict[int, list[str]] = {
    # 500 rows, one 31.02.2008: «Строка 252, «Дата рождения»: …»; nothing and no history.
    1: [
        f"{_PEOPLE}::test_import_one_bad_date_among_500_rows_writes_nothing_and_names_row_and_column",
        f"{_ADMIN}::test_import_preview_lists_errors_by_excel_row_and_column",
        f"{_WIDGETS}::test_date_widget_names_the_problem",
        f"{_ROADMAP}::test_roadmap_import_errors_name_row_and_column_and_write_nothing",
        f"{_KPI}::test_kpi_targets_errors_name_row_and_year_and_write_nothing",
    ],
    # A real database refusal (a trigger) of row 3, on insert and on update: the row is
    # named, every row rolled back, counts and history unchanged.
    2: [
        f"{_PEOPLE}::test_import_database_error_on_row_3_rolls_back_every_row",
        f"{_PEOPLE}::test_import_database_error_while_updating_row_3_keeps_every_stored_value",
        f"{_ADMIN}::test_confirm_rolls_back_when_the_file_no_longer_imports_cleanly",
        f"{_REGION}::test_one_good_and_one_bad_file_write_nothing",
    ],
    # Second run: 0 new / N unchanged; the natural key is unique in the database.
    3: [
        f"{_PEOPLE}::test_import_same_file_twice_creates_no_duplicates",
        f"{_COMMAND}::test_import_command_commit_writes_and_second_run_is_unchanged",
        f"{_MODELS}::test_person_natural_key_ignores_yo_case_and_spacing",
        f"{_ROADMAP}::test_roadmap_import_twice_changes_nothing_and_then_updates",
        f"{_KPI}::test_kpi_targets_export_reimports_unchanged",
        f"{_REGION}::test_the_same_package_again_is_listed_without_changes",
    ],
    4: [
        f"{_PEOPLE}::test_import_duplicate_person_in_file_names_both_rows",
        f"{_PROFILES}::test_mentor_import_duplicate_person_names_both_rows",
    ],
    # Missing / misspelt / unknown / repeated column: refused before import_row runs.
    5: [
        f"{_PEOPLE}::test_import_rejects_file_whose_headers_differ_before_any_row",
        f"{_ROADMAP}::test_roadmap_import_refuses_other_headers",
        f"{_KPI}::test_kpi_targets_headers_must_be_indicator_and_years",
    ],
    # .exe renamed, broken zip, .ods, a web page saved as .xls, encrypted (OLE): a Russian
    # reason naming the formats that are read (.xlsx, .xls, .csv).
    6: [
        f"{_XLSX}::test_read_xlsx_refuses_other_formats",
        f"{_XLSX}::test_read_xlsx_refuses_ods",
        f"{_ADMIN}::test_a_file_that_cannot_be_read_gets_the_readers_reason",
        f"{_PEOPLE}::test_import_of_a_wrong_format_names_the_formats_it_reads",
        f"{_COMMAND}::test_import_command_refuses_other_formats",
        f"{_REGION}::test_other_file_forms_are_refused_by_name",
    ],
    # Declared A1:XFD1048576, 50 MB packed in <1 MB, lying sizes, too many rows: refused
    # with load_workbook patched to fail; the bomb test bounds the memory (tracemalloc).
    7: [
        f"{_XLSX}::test_read_xlsx_refuses_sheet_declaring_the_whole_grid",
        f"{_XLSX}::test_read_xlsx_refuses_zip_bomb_by_declared_size",
        f"{_XLSX}::test_read_xlsx_refuses_zip_whose_sizes_lie",
        f"{_XLSX}::test_read_xlsx_refuses_more_rows_than_allowed_by_dimension",
        f"{_XLSX}::test_read_xlsx_refuses_a_file_over_the_size_limit",
    ],
    8: [
        f"{_XLSX}::test_openpyxl_parses_xml_through_defusedxml",
        f"{_XLSX}::test_read_xlsx_refuses_billion_laughs_in_shared_strings",
    ],
    # Stored as text; every xlsx export writes text cells (quotePrefix for = + - @), the
    # phone keeps its «+». There is no CSV export at all (the last test pins it), so the
    # CSV half of the item has nothing to apply to.
    9: [
        f"{_PEOPLE}::test_import_keeps_text_starting_with_equals_as_text",
        f"{_XLSX}::test_read_xlsx_keeps_text_starting_with_equals_as_text",
        f"{_XLSX}::test_write_xlsx_writes_formula_looking_strings_as_text",
        f"{_EXPORT}::test_person_export_has_template_columns_and_text_stays_text",
        f"{_EXPORT}::test_every_base_imports_and_exports_xlsx_only_never_csv",
    ],
    10: [
        f"{_PEOPLE}::test_import_formula_without_cached_value_is_a_row_error",
        f"{_XLSX}::test_read_xlsx_marks_formula_without_cached_value",
        f"{_WIDGETS}::test_every_widget_refuses_an_uncomputed_formula",
    ],
    11: [
        f"{_PEOPLE}::test_import_matches_existing_person_despite_yo_case_spaces_and_lookalikes",
        f"{_PEOPLE}::test_import_commit_writes_every_row_normalised_with_history",
        f"{_WIDGETS}::test_name_widget_normalises_spacing_case_and_lookalikes",
        f"{_PEOPLE}::test_import_accepts_headers_in_any_order_case_and_spacing",
    ],
    12: [
        f"{_PEOPLE}::test_import_excel_dates_and_text_dates_are_the_same_person",
        f"{_WIDGETS}::test_date_widget_reads_every_way_of_writing_a_date",
        f"{_PEOPLE}::test_import_future_birth_date_is_a_row_error",
        f"{_WIDGETS}::test_date_widget_refuses_future_birth_date",
        f"{_WIDGETS}::test_date_widget_refuses_birth_date_over_100_years_ago",
    ],
    13: [
        f"{_PEOPLE}::test_import_category_or_flag_outside_the_allowed_list_is_a_row_error_listing_them",
        f"{_WIDGETS}::test_choice_widget_lists_allowed_labels",
        f"{_WIDGETS}::test_flag_widget_lists_allowed_values",
        f"{_PROFILES}::test_mentor_import_lists_unknown_competencies_and_capacity_range",
    ],
    # Director (and anyone without the import permission, or without access to special
    # categories for the people base): 403 on upload and on a forged confirm.
    14: [
        f"{_ADMIN}::test_director_gets_403_on_import_and_confirm_and_nothing_is_written",
        f"{_ADMIN}::test_import_needs_the_special_categories_permission",
        f"{_ADMIN}::test_confirm_works_only_in_the_session_that_saw_the_preview",
        f"{_ROADMAP}::test_admin_roadmap_import_and_export_by_role",
        f"{_REGION_SCREEN}::test_upload_screen_is_the_coordinators_alone",
        f"{_REGION_SCREEN}::test_a_confirmation_without_this_sessions_files_writes_nothing",
    ],
    15: [
        f"{_PEOPLE}::test_import_matches_existing_person_despite_yo_case_spaces_and_lookalikes",
        f"{_PEOPLE}::test_import_shows_existing_person_with_new_values_as_changed",
        f"{_PROFILES}::test_organisation_import_creates_then_matches_by_name_any_spelling",
        f"{_ROADMAP}::test_roadmap_import_matches_spelling_aside_and_keeps_files_order",
    ],
    # The upload waits owner-only (0600) in a private directory; purge_import_uploads (and
    # every new upload) removes it after IMPORT_TMP_MAX_AGE_HOURS; the session holds only
    # a fingerprint; a failed preview removes its upload at once.
    16: [
        f"{_ADMIN}::test_abandoned_preview_leaves_no_personal_data_once_the_cleanup_job_ran",
        f"{_ADMIN}::test_abandoned_uploads_are_purged",
        f"{_ADMIN}::test_purge_command_removes_abandoned_uploads",
        f"{_ADMIN}::test_import_preview_lists_errors_by_excel_row_and_column",
    ],
    # Optimistic locking both ways: the confirm refuses if a matched person changed (or
    # one of the file's people was added) since the preview; the curator's card refuses
    # to save over a change made since it was opened (by a curator or an import),
    # keeping the typed values and naming what is stored now.
    17: [
        f"{_ADMIN}::test_confirm_refuses_to_overwrite_an_edit_made_after_the_preview",
        f"{_ADMIN}::test_confirm_refuses_when_a_person_of_the_file_was_added_after_the_preview",
        f"{_CARD}::test_person_form_refuses_to_save_over_another_curators_change",
        f"{_CARD}::test_person_form_refuses_to_save_over_an_import_made_after_it_was_opened",
        f"{_CARD}::test_person_form_saves_when_nobody_else_changed_the_person",
        f"{_REGION}::test_a_preview_made_stale_by_another_upload_writes_nothing",
    ],
    # 5,000 people: time and memory bounds, a «+» history record with the user per row;
    # queries do not grow with the rows (preview, commit, export).
    18: [
        f"{_SCALE}::test_import_of_5000_people_within_time_and_memory_with_an_audit_record_each",
        f"{_SCALE}::test_people_import_runs_the_same_queries_for_n_and_3n_new_rows",
        f"{_SCALE}::test_people_import_runs_the_same_queries_for_n_and_3n_changed_rows",
        f"{_SCALE}::test_people_import_writes_in_batches_not_row_by_row",
        f"{_SCALE}::test_export_runs_the_same_queries_for_n_and_3n_rows",
        f"{_PEOPLE}::test_import_commit_writes_every_row_normalised_with_history",
    ],
}
NOT_APPLICABLE: dict[int, str] = {}
