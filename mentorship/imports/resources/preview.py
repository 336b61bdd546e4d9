"""Row diffs for the preview page: rendered only for the rows the page shows, and not at
all when nobody looks (a confirmed import, the command)."""

from import_export import resources


class LazyDiffHtml:
    """A row's diff cells, rendered only when the preview table shows the row: the
    preview lists the first XlsxImportResult.PREVIEW_LIMIT rows, not thousands."""

    def __init__(self, diff):
        self._diff = diff
        self._html = None

    def _cells(self):
        if self._html is None:
            diff = self._diff
            if diff._original is None:
                diff.left = [""] * len(diff._resource.get_import_fields())
            else:
                diff.left = diff._read_field_values(diff._resource, diff._original)
            diff.right = diff._read_field_values(diff._resource, diff._instance)
            self._html = resources.Diff.as_html(diff)
        return self._html

    def __iter__(self):
        return iter(self._cells())

    def __len__(self):
        return len(self._cells())

    def __getitem__(self, index):
        return self._cells()[index]


class PreviewDiff(resources.Diff):
    def __init__(self, resource, instance, new):
        # Read when the preview shows the row. `instance` is the row's «before» copy,
        # never changed afterwards; a new row has nothing before it (empty cells).
        self._original = instance
        self.left, self.right = [], []
        self.new = new

    def compare_with(self, resource, instance):
        # Read when (and if) the preview table shows the row.
        self._resource, self._instance = resource, instance

    def as_html(self):
        return LazyDiffHtml(self)


class NoDiff(resources.Diff):
    """Used when nobody will look at the diff (a confirmed import, the command)."""

    def __init__(self, resource, instance, new):
        self.left, self.right, self.new = [], [], new

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []
