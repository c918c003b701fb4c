"""Where to send learning records: the LRS endpoint, key and secret.

Kept in ``lrs.json`` in the configuration folder (:func:`navigator.paths.config_dir`), not in
the data folder: a copy or backup of the learner data never carries the credentials. The
file is readable by its owner only. The secret is never logged, never put in an error
message, and never shown back in full.
"""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from navigator import paths
from navigator.files import write_text_atomically
from navigator.i18n import _

FILE_NAME = "lrs.json"


class ConfigRefused(ValueError):
    """Settings that cannot be used; ``message`` is for the administrator."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class LrsConfig:
    endpoint: str
    key: str
    secret: str

    def __repr__(self) -> str:  # never print the secret
        return f"LrsConfig(endpoint={self.endpoint!r}, key={self.key!r}, secret='***')"

    @property
    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check(endpoint: str, key: str, secret: str) -> LrsConfig:
    """Clean and check settings; raises :class:`ConfigRefused` with the reason in words."""
    endpoint = endpoint.strip()
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigRefused(_("The address must start with https:// and name a server, e.g. "
                              "https://lrs.example.org/xAPI/"))
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigRefused(_("Learning records are only sent over https (encrypted). Use an "
                              "address that starts with https://."))
    if parts.username or parts.password:
        raise ConfigRefused(_("Put the key and the secret in their own boxes, not in the "
                              "address."))
    if not key.strip() or not secret:
        raise ConfigRefused(_("Enter the key and the secret your LRS gave you."))
    return LrsConfig(endpoint if endpoint.endswith("/") else endpoint + "/", key.strip(),
                     secret)


def config_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load() -> LrsConfig | None:
    """The saved settings, or ``None`` when there are none (or they cannot be read)."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
        return check(data["endpoint"], data["key"], data["secret"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(config: LrsConfig) -> None:
    folder = config_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"endpoint": config.endpoint, "key": config.key,
                       "secret": config.secret}, indent=2)
    old = os.umask(0o077)  # created readable by its owner only
    try:
        write_text_atomically(config_path(), text)
    finally:
        os.umask(old)
    os.chmod(config_path(), 0o600)


def forget() -> None:
    config_path().unlink(missing_ok=True)
