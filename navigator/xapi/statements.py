"""xAPI 1.0.3 statements for learning events, built as plain dictionaries.

Nothing here touches the database or the network. Identifiers are stable: activity ids are
IRIs made from pack, module, lesson and step ids (the same on every computer, so an LRS that
gathers several workstations counts the same lesson once), and the actor is a pseudonymous
account (a random UUID kept in ``xapi_actors``), never a name or an e-mail address.
"""

from __future__ import annotations

import platform
import uuid
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from navigator import __version__
from navigator.core.model import Question, QuestionType

XAPI_VERSION = "1.0.3"
# Activity and extension ids live under this IRI. ``.invalid`` is reserved (RFC 2606): the
# ids identify, they are never fetched.
BASE = "https://navigator.invalid/xapi"
ACTOR_HOME = "https://navigator.invalid/learners"
# Statement ids are UUIDv5 of a description of the event in this namespace, so recording the
# same event twice (a retry after a crash) gives the same id and the LRS keeps it once.
NAMESPACE = uuid.UUID("6b1f3d2e-4c5a-5e8b-9f70-2d4a1c3b5e6f")

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "launched": ADL + "launched",
    "experienced": ADL + "experienced",
    "answered": ADL + "answered",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "attended": ADL + "attended",
}
ACTIVITY_TYPES = {
    "pack": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "step": "http://adlnet.gov/expapi/activities/interaction",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "review": "http://adlnet.gov/expapi/activities/assessment",
    "meeting": "http://id.tincanapi.com/activitytype/meeting",
}
EXTENSION_PACK_VERSION = f"{BASE}/extensions/pack-version"
EXTENSION_MODE = f"{BASE}/extensions/coaching-mode"
EXTENSION_ATTEMPT = f"{BASE}/extensions/attempt"
REVIEW_ACTIVITY = f"{BASE}/spaced-review"


def _part(text: str) -> str:
    return quote(text, safe="-._~")


def pack_iri(pack_id: str) -> str:
    return f"{BASE}/packs/{_part(pack_id)}"


def module_iri(pack_id: str, module_id: str) -> str:
    return f"{pack_iri(pack_id)}/modules/{_part(module_id)}"


def lesson_iri(pack_id: str, lesson_id: str) -> str:
    return f"{pack_iri(pack_id)}/lessons/{_part(lesson_id)}"


def step_iri(pack_id: str, lesson_id: str, step_id: str) -> str:
    return f"{lesson_iri(pack_id, lesson_id)}/steps/{_part(step_id)}"


def statement_id(*parts: object) -> str:
    """A UUID that is the same every time for the same event description."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds, as the LRS stores it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")


def duration(seconds: float) -> str:
    """ISO 8601 duration (``PT1H2M3S``)."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if secs or total == 0 else "")


def actor(account: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": ACTOR_HOME, "name": account}}


def activity(iri: str, kind: str, names: dict[str, str] | None = None,
             **definition: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": ACTIVITY_TYPES[kind]}
    if names:
        body["name"] = {_tag(lang): text for lang, text in names.items() if text}
    body.update(definition)
    return {"objectType": "Activity", "id": iri, "definition": body}


def _tag(language: str) -> str:
    """``fr_CA`` → ``fr-CA`` (RFC 5646, as xAPI wants)."""
    return language.replace("_", "-")


def context(*, language: str, pack_id: str | None = None, pack_version: str | None = None,
            parent: str | None = None, grouping: list[str] | None = None,
            category: str | None = None, registration: str | None = None,
            extensions: dict[str, Any] | None = None) -> dict[str, Any]:
    """The context every statement carries: language, platform and pack version."""
    body: dict[str, Any] = {
        "language": _tag(language),
        "platform": f"Navigator {__version__} ({platform.system() or 'unknown'})",
    }
    if registration:
        body["registration"] = registration
    activities: dict[str, Any] = {}
    if parent:
        activities["parent"] = [{"objectType": "Activity", "id": parent}]
    groups = list(grouping or [])
    if pack_id and pack_iri(pack_id) not in groups and parent != pack_iri(pack_id):
        groups.insert(0, pack_iri(pack_id))
    if groups:
        activities["grouping"] = [{"objectType": "Activity", "id": g} for g in groups]
    if category:
        activities["category"] = [{"objectType": "Activity", "id": category}]
    if activities:
        body["contextActivities"] = activities
    extra = dict(extensions or {})
    if pack_version:
        extra[EXTENSION_PACK_VERSION] = pack_version
    if extra:
        body["extensions"] = extra
    return body


def statement(*, sid: str, account: str, verb: str, obj: dict[str, Any], when: datetime,
              ctx: dict[str, Any], result: dict[str, Any] | None = None) -> dict[str, Any]:
    """A whole statement. ``verb`` is a key of :data:`VERBS`."""
    body: dict[str, Any] = {
        "id": sid,
        "actor": actor(account),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "context": ctx,
        "timestamp": timestamp(when),
        "version": XAPI_VERSION,
    }
    if result:
        body["result"] = result
    return body


def interaction(question: Question) -> dict[str, Any]:
    """The cmi.interaction definition of a question: its type and right answer, with options
    named by their index (``0``, ``1``...), as the learner's response is."""
    if question.type is QuestionType.ORDER:
        return {"interactionType": "sequencing",
                "correctResponsesPattern": ["[,]".join(str(i) for i in
                                                       range(len(question.options)))]}
    right = [str(i) for i, option in enumerate(question.options) if option.correct]
    definition: dict[str, Any] = {"interactionType": "choice"}
    if right:
        definition["correctResponsesPattern"] = ["[,]".join(right)]
    return definition


def response(chosen: list[int] | tuple[int, ...]) -> str:
    return "[,]".join(str(i) for i in chosen)


def scaled(score: float | None) -> dict[str, Any]:
    """A 0-100 score as xAPI's score object."""
    if score is None:
        return {}
    value = max(0.0, min(100.0, float(score)))
    return {"score": {"scaled": round(value / 100, 4), "raw": round(value, 2), "min": 0,
                      "max": 100}}
