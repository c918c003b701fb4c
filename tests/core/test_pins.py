"""PIN hashing and the delay after wrong PINs."""

import pytest

from navigator.core.pins import PinRefused, delay_after, hash_pin, verify_pin


def test_a_pin_is_stored_salted_and_verified():
    """The same PIN hashes differently twice (salt), and both verify; a wrong one fails."""
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert "2468" not in first
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)


def test_a_malformed_stored_hash_never_matches():
    """A damaged hash is a wrong PIN, not a crash."""
    for stored in ("", "plain", "scrypt$x$8$1$AA==$AA==", "md5$1$1$1$AA==$AA=="):
        assert not verify_pin("2468", stored)


@pytest.mark.parametrize(("pin", "reason"), [("12", "short"), ("12a4", "digits"),
                                             ("١٢٣٤", "digits"), ("1" * 13, "long")])
def test_pins_must_be_four_to_twelve_digits(pin, reason):
    """Letters, other scripts' digits and lengths outside 4-12 are refused with a reason."""
    with pytest.raises(PinRefused) as refused:
        hash_pin(pin)
    assert refused.value.reason == reason


def test_the_delay_grows_after_three_free_attempts():
    """No wait for the first three mistakes, then 5 s doubling, capped at 15 minutes."""
    assert [delay_after(n) for n in range(6)] == [0, 0, 0, 5, 10, 20]
    assert delay_after(40) == 900
