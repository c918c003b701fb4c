"""What the app tells the user at start: it is already open, or its database was repaired."""

from __future__ import annotations

from navigator.formatting import format_datetime
from navigator.i18n import _
from navigator.storage.recovery import Recovery


def isolated(path: object) -> str:
    """A file path kept left to right inside a right-to-left sentence."""
    return f"\u2066{path}\u2069"


def already_running_message(folder: str) -> str:
    return _("Navigator is already open on this computer, with the same data. Its window "
             "has been brought forward: look for it on the screen or in the task bar.\n\n"
             "Data folder: {folder}").format(folder=isolated(folder))


def recovery_message(recovery: Recovery) -> str:
    """What happened, where the damaged file is, and what may be missing."""
    if recovery.restored is not None:
        when = format_datetime(recovery.restored.taken_at.astimezone())
        return _("Navigator's database was damaged, so Navigator has put back its newest "
                 "good backup, from {when}. Anything saved after that time (answers, notes, "
                 "sessions) is not in it.\n\nThe damaged file was not deleted: it is kept as "
                 "{path}. Tell your administrator.").format(when=when,
                                                             path=isolated(recovery.set_aside))
    return _("Navigator's database was damaged and there was no good backup to put back, so "
             "Navigator starts again with an empty database: the built-in lessons are there, "
             "but profiles, progress and clients are not.\n\nThe damaged file was not "
             "deleted: it is kept as {path}. Tell your administrator: an IT person may be "
             "able to rescue data from it.").format(path=isolated(recovery.set_aside))
