"""Why a text cannot be read aloud, in plain words for a navigator.

Messages are translated when they are read (``exc.message``), not when the error is raised,
so an error kept by a screen follows a later change of interface language.
"""

from __future__ import annotations

from navigator.i18n import _, current_locale


def language_name(code: str, locale: str | None = None) -> str:
    """``fr_CA`` -> ``French (Canada)`` in the interface locale; the code itself when Babel
    does not know it (``zz``)."""
    from babel import Locale, UnknownLocaleError  # imported on first use

    try:
        name = Locale.parse(code).get_display_name(locale or current_locale())
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return name or code


class SpeechUnavailable(Exception):
    """No sound for this text: no voice for ``language``, or (``language == ""``) no speech
    engine on this computer. The lesson goes on without sound.

    ``detail`` is the technical cause, for logs; ``message`` is what a navigator reads.
    """

    def __init__(self, language: str = "", detail: str = "") -> None:
        super().__init__(language, detail)
        self.language = language
        self.detail = detail

    @property
    def message(self) -> str:
        if not self.language:
            return _("Reading aloud is not available: no speech engine was found on this "
                     "computer. The lesson works without sound.")
        return _("No voice for {language} is installed on this computer. The lesson works "
                 "without sound.").format(language=language_name(self.language))

    def __str__(self) -> str:
        return self.message


class SpeechTimeout(SpeechUnavailable):
    """The speech engine did not finish a job in time; the job was given up."""

    @property
    def message(self) -> str:
        return _("Reading aloud stopped because the speech engine did not answer in time. "
                 "Try again; the lesson works without sound.")


class PlaybackUnavailable(SpeechUnavailable):
    """The sound was made but this computer could not play it."""

    @property
    def message(self) -> str:
        return _("The sound could not be played on this computer. The lesson works without "
                 "sound.")
