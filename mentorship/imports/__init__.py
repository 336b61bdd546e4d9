"""xlsx import and export of the bases: a registry each app fills in its own `imports`
module, resources with exact Russian headers and all-or-nothing writes, the admin's
upload → preview → «Подтвердить импорт» pages, the curator's templates page and the
import_xlsx / purge_import_uploads commands.

Generic: nothing here knows a domain app; the apps bring their bases (XlsxBase) and their
resources (XlsxResource subclasses).
"""
