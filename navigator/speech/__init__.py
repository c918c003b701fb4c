"""Reading lesson text aloud, offline (pyttsx3 over eSpeak NG, SAPI5 or NSSS). No Qt here.

* :class:`SpeechEngine` turns a text in a lesson language into a WAV file plus the time of
  each word (or sentence), on its own thread; callers get a ``Future[Synthesis]``.
* :class:`SpeechService` reads texts aloud with ``say`` / ``stop`` and reports started / word
  / finished through callbacks, playing with a :class:`Player` (the GUI plays the WAV with
  Qt's QMediaPlayer instead).
* :class:`SpeechUnavailable` says, in plain translated words, why there is no sound.

Importing this package does no work: pyttsx3 is imported by the engine thread at first use.
"""

from navigator.speech.engine import SpeechEngine
from navigator.speech.errors import PlaybackUnavailable, SpeechTimeout, SpeechUnavailable
from navigator.speech.model import Span, Synthesis, Voice
from navigator.speech.player import AplayPlayer, ClockPlayer, Player, default_player
from navigator.speech.service import SpeechService

__all__ = [
    "AplayPlayer",
    "ClockPlayer",
    "PlaybackUnavailable",
    "Player",
    "Span",
    "SpeechEngine",
    "SpeechService",
    "SpeechTimeout",
    "SpeechUnavailable",
    "Synthesis",
    "Voice",
    "default_player",
]
