"""SpeechEngine on the real eSpeak NG: WAV files, word timing, one engine thread, cancel,
timeouts, and what happens without a voice or without an engine."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import CancelledError
from itertools import pairwise
from pathlib import Path

import pytest

from navigator.speech import SpeechEngine, SpeechTimeout, SpeechUnavailable, Synthesis
from tests.speech import WAIT, loud_windows, read_wav, rms

TEXTS = {
    "en": "Press the power button and wait.",
    "fr": "Appuyez sur le bouton et attendez.",
    "ar": "اضغط على زر التشغيل وانتظر قليلا.",
    "es": "Pulse el botón y espere un momento.",
}
TWO_SENTENCES = "Press the button on the side. Then wait for the screen to light up."


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[SpeechEngine]:
    with SpeechEngine(tmp_path / "cache", timeout=WAIT) as speech:
        yield speech


def words_of(synthesis: Synthesis) -> list[str]:
    return [synthesis.text[s.offset:s.offset + s.length] for s in synthesis.spans]


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_each_lesson_language_becomes_a_plausible_wav(engine: SpeechEngine, language: str):
    """A short text in en, fr, ar, es gives a mono 16-bit WAV, about as long as its words
    take to say, and not silent; read by a voice of that language."""
    text = TEXTS[language]
    synthesis = engine.synthesize(text, language).result(WAIT)
    params, samples = read_wav(synthesis.path)
    words = len(text.split())
    assert (params.nchannels, params.sampwidth) == (1, 2)
    assert synthesis.duration_ms == round(params.nframes * 1000 / params.framerate)
    assert 0.15 * words <= synthesis.duration_ms / 1000 <= 1.0 * words
    assert rms(samples) > 500
    assert synthesis.voice.languages[0].split("_")[0] == language
    assert synthesis.word_level and len(synthesis.spans) >= words - 2  # eSpeak may join a few


def test_word_spans_are_words_of_the_text_in_time_order(engine: SpeechEngine):
    """Spans point at whole words of the original text, start later and later, the last one
    ends at the end of the audio, and the second sentence starts after the first."""
    synthesis = engine.synthesize(TWO_SENTENCES, "en").result(WAIT)
    spans = synthesis.spans
    assert synthesis.word_level
    assert set(words_of(synthesis)) <= {w.strip(".") for w in TWO_SENTENCES.split()}
    assert words_of(synthesis)[:3] == ["Press", "the", "button"]
    starts = [s.start_ms for s in spans]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(a.end_ms == b.start_ms for a, b in pairwise(spans))
    assert spans[-1].end_ms == synthesis.duration_ms
    second = TWO_SENTENCES.index("Then")
    first_of_second = next(s for s in spans if s.offset == second)
    last_of_first = [s for s in spans if s.offset < second][-1]
    assert first_of_second.start_ms > last_of_first.start_ms + 200
    assert synthesis.span_at(first_of_second.start_ms + 1) == first_of_second
    assert synthesis.span_at(synthesis.duration_ms) is None


def test_word_times_match_the_sound(engine: SpeechEngine):
    """The pause between the two sentences in the WAV lies after the first sentence's last
    word starts, and the second sentence's first word starts within 60 ms of its sound."""
    synthesis = engine.synthesize(TWO_SENTENCES, "en").result(WAIT)
    loud = loud_windows(synthesis.path)
    first_sound = loud.index(True)
    last_sound = len(loud) - 1 - loud[::-1].index(True)
    gaps: list[tuple[int, int]] = []  # (length, first quiet window) inside the speech
    run = 0
    for i in range(first_sound, last_sound + 1):
        if not loud[i]:
            run += 1
        elif run:
            gaps.append((run, i - run))
            run = 0
    length, start = max(gaps)
    gap_start_ms, gap_end_ms = start * 10, (start + length) * 10
    second = TWO_SENTENCES.index("Then")
    first_of_second = next(s for s in synthesis.spans if s.offset == second)
    last_of_first = [s for s in synthesis.spans if s.offset < second][-1]
    assert last_of_first.start_ms < gap_start_ms
    assert abs(first_of_second.start_ms - gap_end_ms) <= 60


def test_sentence_spans_when_word_timing_is_off(tmp_path: Path):
    """Without word timing the text is read sentence by sentence: one span per sentence,
    back to back, the WAV as long as the sentences together."""
    with SpeechEngine(tmp_path, word_timing=False, timeout=WAIT) as speech:
        synthesis = speech.synthesize(TWO_SENTENCES, "en").result(WAIT)
    assert not synthesis.word_level
    assert words_of(synthesis) == ["Press the button on the side.",
                                   "Then wait for the screen to light up."]
    first, second = synthesis.spans
    assert first.start_ms == 0 and first.end_ms == second.start_ms > 1000
    assert second.end_ms == synthesis.duration_ms


def test_eight_threads_at_once_use_one_engine_thread(engine: SpeechEngine,
                                                     monkeypatch: pytest.MonkeyPatch):
    """Eight threads synthesize at the same time: all succeed, and pyttsx3 was created and
    called from one thread only, none of the callers."""
    import pyttsx3.engine

    touched: set[int] = set()
    for name in ("__init__", "setProperty", "getProperty", "save_to_file", "runAndWait"):
        original = getattr(pyttsx3.engine.Engine, name)

        def record(*args: object, _original: object = original, **kwargs: object) -> object:
            touched.add(threading.get_ident())
            return _original(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(pyttsx3.engine.Engine, name, record)
    results: dict[int, Synthesis] = {}
    callers: set[int] = {threading.get_ident()}
    barrier = threading.Barrier(8)

    def call(number: int) -> None:
        callers.add(threading.get_ident())
        barrier.wait(WAIT)
        language = sorted(TEXTS)[number % 4]
        results[number] = engine.synthesize(TEXTS[language], language).result(WAIT)

    threads = [threading.Thread(target=call, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(results) == list(range(8))
    assert len({r.path for r in results.values()}) == 8
    assert all(r.path.stat().st_size > 10_000 for r in results.values())
    assert len(touched) == 1 and not touched & callers


def test_ten_jobs_in_a_row_all_finish(engine: SpeechEngine):
    """Twelve jobs one after the other each finish in time: no second runAndWait hangs."""
    started = time.monotonic()
    for number in range(12):
        language = sorted(TEXTS)[number % 4]
        synthesis = engine.synthesize(f"{number + 1}. {TEXTS[language]}", language).result(5)
        assert synthesis.duration_ms > 500
    assert time.monotonic() - started < 10


def test_a_new_file_leaves_the_last_one_alone(engine: SpeechEngine, tmp_path: Path):
    """Text A to a.wav, then text B to b.wav: a.wav keeps its bytes (pyttsx3 2.99 rewrites
    the last file on a later say), b.wav is B's sound, as long as B's words take."""
    a_path, b_path = tmp_path / "a.wav", tmp_path / "b.wav"
    a = engine.synthesize("Yes.", "en", path=a_path).result(WAIT)
    a_bytes = a_path.read_bytes()
    b_text = "Now open the settings and tap the Wi-Fi button."
    b = engine.synthesize(b_text, "en", path=b_path).result(WAIT)
    engine.voices()
    engine.synthesize("Something else.", "en").result(WAIT)
    assert a_path.read_bytes() == a_bytes
    assert b_path.read_bytes() != a_bytes and b.path == b_path
    assert 0.15 * 9 <= b.duration_ms / 1000 <= 9 and b.duration_ms > 2 * a.duration_ms
    assert sorted(p.name for p in tmp_path.glob("*.wav")) == ["a.wav", "b.wav"]


def test_rate_changes_the_speed_within_limits(engine: SpeechEngine):
    """Rate 2 reads faster than 1, 0.5 slower; out-of-range rates are clamped."""
    text = TEXTS["en"]
    normal, fast, slow, faster = (engine.synthesize(text, "en", rate).result(WAIT)
                                  for rate in (1.0, 2.0, 0.5, 9.0))
    assert fast.duration_ms < 0.7 * normal.duration_ms < slow.duration_ms * 0.7
    assert (faster.rate, faster.duration_ms) == (2.0, fast.duration_ms)


def test_cancel_drops_queued_jobs_and_stops_the_running_one(engine: SpeechEngine,
                                                           tmp_path: Path):
    """cancel() cancels every future at once (a long job mid-way too); the files made for
    them are deleted and the next job works."""
    futures = [engine.synthesize("This is a long text to read. " * 150, "en")]
    futures += [engine.synthesize(TEXTS["fr"], "fr") for _ in range(3)]
    time.sleep(0.02)
    engine.cancel()
    for future in futures:
        with pytest.raises(CancelledError):
            future.result(1)
    after = engine.synthesize(TEXTS["es"], "es").result(WAIT)
    assert list((tmp_path / "cache").glob("*.wav")) == [after.path]


def test_a_job_that_overruns_times_out_and_the_engine_recovers(tmp_path: Path):
    """A job stuck longer than the timeout fails with SpeechTimeout on time; a new engine
    thread takes the next job."""
    with SpeechEngine(tmp_path, timeout=0.5) as speech:
        stuck = speech._lane.submit(lambda _backend, _abort: time.sleep(2))
        started = time.monotonic()
        with pytest.raises(SpeechTimeout) as caught:
            stuck.result(WAIT)
        assert 0.4 < time.monotonic() - started < 1.5
        assert caught.value.message
        assert speech.synthesize(TEXTS["en"], "en").result(WAIT).duration_ms > 500
        assert speech.available


def test_close_deletes_the_files_it_made(tmp_path: Path):
    """close() removes the engine's own files (not the caller's), twice is fine, and a job
    after close fails with SpeechUnavailable."""
    speech = SpeechEngine(tmp_path / "cache")
    own = speech.synthesize(TEXTS["en"], "en").result(WAIT)
    given = speech.synthesize(TEXTS["en"], "en", path=tmp_path / "keep.wav").result(WAIT)
    speech.close()
    speech.close()
    assert not own.path.exists() and given.path.exists()
    with pytest.raises(SpeechUnavailable):
        speech.synthesize("Hello.", "en").result(WAIT)


def test_voice_chain_stays_within_the_language(engine: SpeechEngine):
    """fr_CA falls back to a French voice, es_419 has its own, en finds English; a language
    without a voice raises SpeechUnavailable with a plain message and no job is made."""
    assert engine.voice_for("fr_CA").languages[0].startswith("fr")
    assert engine.voice_for("fr-ca") == engine.voice_for("fr")
    assert engine.voice_for("es_419").languages == ("es_419",)
    assert engine.voice_for("en").languages[0].startswith("en")
    with pytest.raises(SpeechUnavailable) as caught:
        engine.voice_for("zz")
    assert caught.value.language == "zz"
    assert caught.value.message.startswith("No voice for zz is installed")
    with pytest.raises(SpeechUnavailable):
        engine.synthesize("Hello.", "zz").result(WAIT)
    with pytest.raises(ValueError):
        engine.synthesize("  ", "en")


def test_missing_language_is_named_in_the_interface_language(engine: SpeechEngine):
    """The message names the language as a navigator knows it (Babel), not by its code."""
    assert "Swahili" in SpeechUnavailable("sw").message
    assert "French (Canada)" in SpeechUnavailable("fr_CA").message


@pytest.mark.parametrize("how", ["driver", "import"])
def test_without_an_engine_speech_is_unavailable(tmp_path: Path, how: str,
                                                 monkeypatch: pytest.MonkeyPatch):
    """An unknown pyttsx3 driver, or pyttsx3 failing to import: no crash, available turns
    False, jobs fail with SpeechUnavailable (language "") and voice_for raises it too."""
    if how == "import":
        monkeypatch.setitem(sys.modules, "pyttsx3.engine", None)
    driver = "nonexistent" if how == "driver" else None
    with SpeechEngine(tmp_path, driver_name=driver) as speech:
        assert speech.available  # nothing tried yet
        with pytest.raises(SpeechUnavailable) as caught:
            speech.synthesize("Hello.", "en").result(WAIT)
        assert caught.value.language == "" and "no speech engine" in caught.value.message
        assert not speech.available
        assert speech.voices() == []
        with pytest.raises(SpeechUnavailable):
            speech.voice_for("en")
