"""A learner's settings: text size, high contrast and reading speed, kept per learner."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlite_utils import Database

MIN_RATE, MAX_RATE = 0.5, 2.0
MIN_SCALE, MAX_SCALE = 1.0, 2.0


@dataclass(frozen=True)
class Settings:
    text_scale: float = 1.0  # 1.0 (100%) to 2.0 (200%)
    high_contrast: bool = False
    speech_rate: float = 1.0  # 0.5x to 2x the voice's normal speed

    def clamped(self) -> Settings:
        return replace(self, text_scale=min(max(self.text_scale, MIN_SCALE), MAX_SCALE),
                       speech_rate=min(max(self.speech_rate, MIN_RATE), MAX_RATE),
                       high_contrast=bool(self.high_contrast))


def get_settings(db: Database, *, learner_id: int) -> Settings:
    """The learner's settings; a value missing or unreadable falls back to its default."""
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for row in db.query("SELECT key, value FROM learner_settings WHERE learner_id = ?",
                        [learner_id]):
        if row["key"] not in known:
            continue
        try:
            value = json.loads(row["value"])
        except ValueError:
            continue
        default = getattr(Settings(), row["key"])
        if isinstance(default, bool):
            if isinstance(value, bool):
                values[row["key"]] = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[row["key"]] = float(value)
    return Settings(**values).clamped()


def save_settings(db: Database, *, learner_id: int, settings: Settings) -> Settings:
    """Keep every setting of ``settings`` (clamped to its range); returns what was kept."""
    kept = settings.clamped()
    for key, value in asdict(kept).items():
        db.execute("INSERT INTO learner_settings (learner_id, key, value) VALUES (?,?,?)"
                   " ON CONFLICT(learner_id, key) DO UPDATE SET value = excluded.value",
                   [learner_id, key, json.dumps(value)])
    return kept
