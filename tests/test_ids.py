"""Ids: one format (prefix, 10 chars of milliseconds, 16 of 80 bits), made three ways."""

import re

from api.ids import IdSequence, encode, make_id, new_id

SHAPE = re.compile(r"^[a-z]{3}_[0-9a-hjkmnp-tv-z]{26}$")


def test_encode_writes_crockford_base32_most_significant_first():
    assert encode(0, 4) == "0000"
    assert encode(31, 2) == "0z"
    assert encode(32, 2) == "10"
    assert encode(32**3 - 1, 3) == "zzz"
    assert encode(32**3, 3) == "000"  # only the low 5 x length bits


def test_an_id_is_its_prefix_then_its_time_then_its_bits():
    made = make_id("ven", millis=1, bits=2**80 - 1)
    assert made == "ven_0000000001" + "z" * 16
    assert SHAPE.match(new_id("svc"))


def test_ids_made_later_sort_after_earlier_ones():
    assert make_id("tsk", millis=1_000, bits=2**80 - 1) < make_id("tsk", millis=1_001, bits=0)


def test_a_sequence_makes_ids_that_increase_in_the_order_made():
    sequence = IdSequence("ven")
    made = [sequence() for _ in range(2_000)]
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert all(SHAPE.match(i) for i in made)
