"""Existing rows of a whole file in one query, matched by the resource's key."""

from import_export.instance_loaders import BaseInstanceLoader


class KeyedInstanceLoader(BaseInstanceLoader):
    """Existing rows for the whole file in one query (per 500 keys), matched by the
    resource's spelling-insensitive key instead of a lookup per row."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = resource.existing_by_key()
        resource.check_versions(self.instances.values())

    def get_instance(self, row):
        key = self.resource.row_key(row)
        return self.instances.get(key) if key else None
