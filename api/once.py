"""Response fields shown only once, which a stored idempotent replay must never repeat.

A response model marks such a field with ``json_schema_extra=SHOWN_ONCE``; the mark also
shows in the OpenAPI document as ``x-shown-once``. The Idempotency middleware finds the
marked fields through the route's response model and stores the response without them.
"""

from functools import lru_cache

from pydantic import BaseModel, JsonValue

SHOWN_ONCE: dict[str, JsonValue] = {"x-shown-once": True}


@lru_cache
def shown_once(model: object) -> frozenset[str]:
    """The JSON names of ``model``'s fields marked shown-once; none for anything else."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return frozenset()
    return frozenset(
        field.alias or name
        for name, field in model.model_fields.items()
        if isinstance(field.json_schema_extra, dict)
        and field.json_schema_extra.get("x-shown-once") is True
    )
