"""The catalogue of problem types: every `type` an error response can carry, what it means
and what the caller can do about it.

A problem's `type` is the relative URL `/problems/{name}`, which the service itself serves
(api/problems/routes.py), so a person who meets one can follow it. Pure data: api/errors.py
reads it to name the default type of a status, and the OpenAPI document shows each type as
an example of the responses that can carry it.
"""

from dataclasses import dataclass

PROBLEM_BASE = "/problems/"


@dataclass(frozen=True)
class ProblemType:
    name: str
    status: int | None  # None: any status without a type of its own
    title: str
    meaning: str
    action: str
    example_detail: str

    @property
    def type(self) -> str:
        return PROBLEM_BASE + self.name


_TYPES = (
    ProblemType(
        "bad-request",
        400,
        "Bad Request",
        "The request cannot be read as sent: a malformed `Idempotency-Key`, or a value that "
        "cannot be stored (such as a NUL character in text).",
        "Fix the request as `detail` says and send it again; retrying it unchanged will fail "
        "the same way.",
        "Idempotency-Key must be 1 to 255 printable ASCII characters.",
    ),
    ProblemType(
        "malformed-json",
        400,
        "Bad Request",
        "The request body is not valid JSON.",
        "Send a JSON document with `Content-Type: application/json`; check quoting and "
        "trailing commas.",
        "The request body is not valid JSON.",
    ),
    ProblemType(
        "unauthorized",
        401,
        "Unauthorized",
        "No API key was sent, or the key is unknown, revoked or expired.",
        "Send `Authorization: Bearer <api key>` with a live key. An operator or partner can "
        "create one with `POST /v1/api-keys`; the secret is shown once, at creation.",
        "A valid API key is required: send 'Authorization: Bearer <key>'.",
    ),
    ProblemType(
        "forbidden",
        403,
        "Forbidden",
        "The key is valid, but its role may never do this (for example a vendor key creating "
        "a business).",
        "Use a key of a role that may: see the roles table in the API guide. Retrying with "
        "the same key will not help.",
        "A vendor key may not create businesses.",
    ),
    ProblemType(
        "not-found",
        404,
        "Not Found",
        "No such route, or no such object visible to this key. An object that belongs to "
        "someone else is reported as not found, so its existence never leaks.",
        "Check the id and the path; list the objects this key can see to find the right id.",
        "No business with id 'biz_01jdz3k4m5n6p7q8r9s0t1v2w3' is visible to this key.",
    ),
    ProblemType(
        "method-not-allowed",
        405,
        "Method Not Allowed",
        "The path exists but does not take this HTTP method.",
        "Use one of the methods the `Allow` header lists.",
        "DELETE is not allowed on /v1/task-types.",
    ),
    ProblemType(
        "request-timeout",
        408,
        "Request Timeout",
        "The request's headers or body took too long to arrive; the connection is closed.",
        "Send the whole request promptly; on a slow link, send smaller bodies.",
        "The request body took longer than 30 s to arrive.",
    ),
    ProblemType(
        "conflict",
        409,
        "Conflict",
        "The request conflicts with the current state: the service has no capacity left, the "
        "engagement is no longer in a state that allows this, a proposal would not pass a "
        "hard constraint, or the pair is cooling down after a decline.",
        "Read `detail` (and `blockers`, when present), fetch the object again, and act on what "
        "it now says; do not retry unchanged.",
        "Service 'svc_01jdz3k4m5n6p7q8r9s0t1v2w3' has 120 units available; the task needs 400.",
    ),
    ProblemType(
        "idempotency-key-in-use",
        409,
        "Conflict",
        "A request with this `Idempotency-Key` is still being processed.",
        "Wait the seconds `Retry-After` gives, then retry with the same key and body: you will "
        "get the first request's answer.",
        "A request with this Idempotency-Key is still being processed; retry shortly.",
    ),
    ProblemType(
        "precondition-failed",
        412,
        "Precondition Failed",
        "`If-Match` names a version of the object that is no longer current: someone changed "
        "it since you read it.",
        "GET the object again, reapply your change to what it now holds, and send it with the "
        "new `ETag` as `If-Match`.",
        "The business changed since the version in If-Match; fetch it again.",
    ),
    ProblemType(
        "content-too-large",
        413,
        "Content Too Large",
        "The request body is larger than the server accepts.",
        "Send less at once: split a batch into several requests.",
        "The request body is larger than 1048576 bytes.",
    ),
    ProblemType(
        "unsupported-media-type",
        415,
        "Unsupported Media Type",
        "The request has a body that is not declared as JSON.",
        "Send the body as JSON with `Content-Type: application/json`.",
        "Send the body as JSON, with 'Content-Type: application/json'.",
    ),
    ProblemType(
        "validation-error",
        422,
        "Unprocessable Content",
        "One or more fields are invalid; `errors` names each one with a message and a stable "
        "`code`.",
        "Correct each field `errors` lists and send the request again.",
        "1 field is invalid.",
    ),
    ProblemType(
        "idempotency-key-reused",
        422,
        "Unprocessable Content",
        "This `Idempotency-Key` was already used with a different request.",
        "Use a new key for a new request; reuse a key only to retry the very same request.",
        "This Idempotency-Key was used with a different request; use a new key.",
    ),
    ProblemType(
        "rate-limited",
        429,
        "Too Many Requests",
        "Over this key's rate limit (without a key: this client address's).",
        "Wait the seconds `Retry-After` gives; the `RateLimit` header shows what is left. "
        "Spread requests out, or use the batch routes.",
        "Rate limit exceeded; retry in 1 s.",
    ),
    ProblemType(
        "internal-server-error",
        500,
        "Internal Server Error",
        "Something unexpected failed on the server; it has been logged.",
        "Retry later; if it persists, report the time and the request path to the operator.",
        "An unexpected error occurred; it has been logged.",
    ),
    ProblemType(
        "overloaded",
        503,
        "Service Unavailable",
        "The server is at capacity and refused the request at once; nothing was changed.",
        "Retry after the seconds `Retry-After` gives, with the same `Idempotency-Key` for a POST.",
        "The server is at capacity; retry after the time in Retry-After.",
    ),
    ProblemType(
        "not-configured",
        503,
        "Service Unavailable",
        "The operator has not configured what this feature needs (webhook endpoints need "
        "`OFFLOAD_SECRET_KEY`, which seals their signing secrets). Nothing was changed.",
        "Ask the operator to set the setting `detail` names; retrying does not help until then.",
        "Webhook endpoints need OFFLOAD_SECRET_KEY, which this server does not have.",
    ),
    ProblemType(
        "database-unavailable",
        503,
        "Service Unavailable",
        "The database failed or could not be reached. Nothing was changed, unless `detail` "
        "says the outcome is unknown.",
        "Retry after the seconds `Retry-After` gives, with the same `Idempotency-Key` for a "
        "POST, so a retry can never apply a change twice.",
        "The database is unavailable; nothing was changed. Retry after the time in Retry-After.",
    ),
    ProblemType(
        "http-error",
        None,
        "HTTP error",
        "An HTTP error without a type of its own; the status code and `detail` say what "
        "went wrong.",
        "Read `detail`; the status code's usual meaning applies.",
        "The request failed.",
    ),
)

CATALOGUE: dict[str, ProblemType] = {t.name: t for t in _TYPES}

# The type of a problem made without a name of its own: the first entry of its status.
DEFAULT_FOR_STATUS: dict[int, str] = {}
for _t in _TYPES:
    if _t.status is not None:
        DEFAULT_FOR_STATUS.setdefault(_t.status, _t.name)


def default_name(status: int) -> str:
    return DEFAULT_FOR_STATUS.get(status, "http-error")


def for_status(status: int) -> list[ProblemType]:
    """The types a response of this status can carry (the catch-all when none is named)."""
    return [t for t in _TYPES if t.status == status] or [CATALOGUE["http-error"]]
