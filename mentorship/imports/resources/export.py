"""What an export writes, and the fields only some users may see."""


class ExportMixin:
    """XlsxResource's export columns: special_fields are left out for a user without
    special_fields_permission (the owning app names both, and the refusal below)."""

    # Model fields hidden from users without special_fields_permission.
    special_fields: tuple[str, ...] = ()
    special_fields_permission: str = ""
    # Why a file of a base with special fields is refused to such a user (the preview
    # would show them): the owning app's words.
    special_fields_refusal: str = ""

    def may_see_special_fields(self) -> bool:
        # No user: the import_xlsx command, run by whoever runs the server.
        return self.user is None or self.user.has_perm(self.special_fields_permission)

    def get_export_fields(self, selected_fields=None):
        export_fields = super().get_export_fields(selected_fields)
        if self.may_see_special_fields():
            return export_fields
        return [f for f in export_fields if f.attribute not in self.special_fields]

    def get_user_visible_fields(self):
        return self.get_export_fields()
