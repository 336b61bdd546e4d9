"""The roadmap's models for the privacy registry (mentorship.privacy). The roadmap, its
indicators and the report are about the programme, not about anyone; only an approved
report points at a login: the director who approved it."""

from mentorship.privacy import ModelPrivacy, free, kept, register

from .models import AcademicYearRollOver, ReportApproval

APPROVED = "an approved report is the college's record and is never changed"

register(
    ModelPrivacy(
        ReportApproval,
        fields=(
            free("period", "a calendar or academic year"),
            free("approved_at", "when the report was approved"),
            # Only the director approves: the record says which office worker signed off.
            kept("approved_by_name", APPROVED),
            # Why a version was corrected, written by the director about the report.
            kept("reason", APPROVED),
            # The report's figures; the only names in it are the director's and the
            # curator's, as the college card prints them on the report itself.
            kept("numbers", APPROVED),
        ),
    ),
    ModelPrivacy(
        AcademicYearRollOver,
        fields=(
            free("academic_year", "an academic year"),
            free("done_at", "when the college moved to the year"),
            # Who ran the roll-over: the college's record of a change made to everyone.
            kept("done_by_name", "the record of the roll-over that changed the whole base"),
            # Numbers only: how many moved, graduated, pairs ended; no names.
            free("counts", "counts, no names"),
        ),
    ),
)
