"""PINs: salted slow hashes (scrypt, from the standard library) and the delay after failures.

A stored PIN reads ``scrypt$N$r$p$SALT$HASH`` (salt and hash in base64), so the cost can be
raised later without breaking the PINs already set. Nothing here touches the disk.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 12
FREE_ATTEMPTS = 3  # wrong PINs allowed before a delay starts
FIRST_DELAY_SECONDS = 5.0
MAX_DELAY_SECONDS = 15 * 60.0

# scrypt's cost: 2**14 rounds with r=8 needs 16 MiB and about 50 ms on a laptop.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32


class PinRefused(ValueError):
    """A PIN that cannot be set (too short, not digits); ``reason`` is a stable id."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def check_pin_shape(pin: str) -> None:
    """Raise :class:`PinRefused` unless ``pin`` is 4 to 12 digits."""
    if not pin.isascii() or not pin.isdigit():
        raise PinRefused("digits")
    if len(pin) < PIN_MIN_LENGTH:
        raise PinRefused("short")
    if len(pin) > PIN_MAX_LENGTH:
        raise PinRefused("long")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R,
             p: int = SCRYPT_P) -> str:
    """A new salted scrypt hash of ``pin`` in the stored form."""
    check_pin_shape(pin)
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p,
                            maxmem=128 * r * (n + p + 2), dklen=HASH_BYTES)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``; compares in constant time. A malformed stored
    value never matches."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        wanted = base64.b64decode(expected, validate=True)
        digest = hashlib.scrypt(pin.encode("utf-8"), salt=base64.b64decode(salt, validate=True),
                                n=int(n), r=int(r), p=int(p),
                                maxmem=128 * int(r) * (int(n) + int(p) + 2), dklen=len(wanted))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, wanted)


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong PINs in a row.

    The first three are free; then 5 s, 10 s, 20 s... doubling up to 15 minutes.
    """
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS))
