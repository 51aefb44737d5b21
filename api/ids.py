"""Opaque, prefixed ids that sort by creation time (so keyset pagination follows it).

Every id is ``prefix_`` + 10 Crockford base32 chars of milliseconds + 16 of 80 bits:
:func:`new_id` for one row now, :class:`IdSequence` for many rows that must list in the
order given, :func:`make_id` where the time and bits are chosen (deterministic demo data).
"""

import secrets
import time

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
# Every pair of digits, so 80 bits take 8 lookups, not 16 divmods (imports make many ids).
_PAIRS = [a + b for a in ALPHABET for b in ALPHABET]


def encode(value: int, length: int) -> str:
    """The low ``5 x length`` bits of ``value`` as ``length`` base32 digits, most
    significant first."""
    pairs, odd = divmod(length, 2)
    head = ALPHABET[(value >> (10 * pairs)) & 31] if odd else ""
    return head + "".join(
        _PAIRS[(value >> shift) & 1023] for shift in range(10 * pairs - 10, -1, -10)
    )


def make_id(prefix: str, *, millis: int, bits: int) -> str:
    """``prefix_`` + ``millis`` in 10 chars + ``bits`` (80 of them) in 16."""
    return f"{prefix}_{encode(millis, 10)}{encode(bits, 16)}"


def now_millis() -> int:
    return time.time_ns() // 1_000_000


def new_id(prefix: str) -> str:
    """An id for a row created now, with 80 random bits."""
    return make_id(prefix, millis=now_millis(), bits=secrets.randbits(80))


class IdSequence:
    """Ids like :func:`new_id`'s (this millisecond, then 80 bits), but increasing from one
    call to the next, so listings (ordered by id) show rows in the order they were made."""

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._millis = now_millis()
        self._next = secrets.randbits(79)  # leaves room for 2**79 more, in order

    def __call__(self) -> str:
        value, self._next = self._next, self._next + 1
        return make_id(self._prefix, millis=self._millis, bits=value)
