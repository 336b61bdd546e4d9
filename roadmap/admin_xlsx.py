"""xlsx import and export on the roadmap's admin lists, with the bases' preview/confirm pages.

ActivityAdmin (roadmap/admin.py) takes ActivityImportExportMixin first in its bases; the
Indicator admin (admin_kpi.py) imports KPI targets the same way.
"""

from mentorship.imports.admin import XlsxImportExportMixin

from .resources import ActivityResource, KpiTargetResource


class ActivityImportExportMixin(XlsxImportExportMixin):
    """«Загрузить из Excel» / «Выгрузить в Excel» on the activities list: the roadmap base
    (import_xlsx roadmap), into the current roadmap or one chosen on the upload form."""

    resource_classes = [ActivityResource]


class KpiTargetImportExportMixin(XlsxImportExportMixin):
    """The indicators list: targets by year (import_xlsx kpi-targets)."""

    resource_classes = [KpiTargetResource]
