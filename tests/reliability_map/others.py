"""Items 19–60: surveys, roles, PDF, uploads, auth, data lifecycle, load."""

COVERED: dict[int, list[str]] = {
    # --- items 19-43 begin ---
    # --- items 19-43 end ---
}
NOT_APPLICABLE: dict[int, str] = {
    # --- items 19-43 begin ---
    # --- items 19-43 end ---
}
