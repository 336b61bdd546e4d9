"""The roadmap's paper in the registry of mentorship.documents.papers: the printable
roadmap (roadmap.printable)."""

from mentorship.documents.papers import Paper, register

from .printable import roadmap_spec

register(
    Paper(
        "roadmap",
        "Дорожная карта программы наставничества",
        roadmap_spec,
        required_fields=("title", "rows"),
        counted="мероприятий",
    ),
)
