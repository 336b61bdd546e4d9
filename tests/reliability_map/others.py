"""Items 19–60: surveys, roles, PDF, uploads, auth, data lifecycle, load."""

COVERED: dict[int, list[str]] = {}
NOT_APPLICABLE: dict[int, str] = {}
