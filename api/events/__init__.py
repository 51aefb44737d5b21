"""Events: an outbox written in the same transaction as each change, and the feed over it.

Domain services call :func:`api.events.service.record`; this package imports no domain.
"""
