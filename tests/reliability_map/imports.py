"""Items 1–18: imports (xlsx)."""

COVERED: dict[int, list[str]] = {}
NOT_APPLICABLE: dict[int, str] = {}
