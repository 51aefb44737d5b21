"""Bulk import: many vendors with their services, validated as the API validates them and
inserted with a few multi-row statements.

:func:`import_vendors` is the one entry point; ``POST /v1/vendors/batch`` and
``offload import vendors`` both call it. Each item is ``{"vendor": VendorCreate fields,
"services": [ServiceCreate fields, ...]}`` and goes through the real request models
(:class:`~api.vendors.models.VendorBatchItem`), then through the rules that need the
database: the task type must be in the taxonomy, and a vendor offers each task type once.
Rows are built the way ``api/vendors/service.py`` and ``api/services/service.py`` build them
and inserted with Core ``executemany``, vendors before their services (there are no ORM
relationships to order them). The function only flushes; the caller commits or rolls back.
"""

from api.imports.vendors import (
    ImportReport,
    ItemError,
    ItemResult,
    Progress,
    create_batch,
    gc_paused,
    import_vendors,
)

__all__ = [
    "ImportReport",
    "ItemError",
    "ItemResult",
    "Progress",
    "create_batch",
    "gc_paused",
    "import_vendors",
]
