"""The consumer directory: sentences and the numbers beside them."""

from __future__ import annotations

from brandcouch import api
from brandcouch.metrics.directory import channel_sentence, duration, summary_sentence
from tests.audience.conftest import SIGNALS, set_signals
from tests.conftest import FIXTURES


def ch(platform, n, a, median):
    return {"platform": platform, "questions": n, "answered": a,
            "answers_questions_rate": a / n if n else None, "median_minutes": median}  # fmt: skip


def test_the_summary_sentence():
    chans = [ch("twitter", 120, 100, 12.2), ch("mastodon", 40, 2, 300.0)]
    assert summary_sentence("Acme", chans, "questions") == (
        "Acme answers 83% of questions, median 12 minutes, on twitter; "
        "rarely on mastodon (2 of 40)."
    )


def test_summary_when_no_channel_has_enough():
    chans = [ch("twitter", 1, 1, 12.0), ch("mastodon", 2, 0, None)]
    assert summary_sentence("Acme", chans, "questions") == (
        "Too few questions to Acme to say (3 in all: 1 on twitter, 2 on mastodon)."
    )


def test_summary_of_never_and_too_few():
    chans = [ch("reddit", 12, 0, None), ch("blog", 3, 3, 5.0)]
    assert summary_sentence("Acme", chans, "questions") == (
        "Acme never answers questions on reddit (0 of 12); too few questions on blog to say (3)."
    )


def test_channel_sentences():
    assert channel_sentence("Acme", ch("twitter", 120, 100, 12.2), "questions") == (
        "Acme answers 83% of questions on twitter (100 of 120), median 12 minutes."
    )
    assert channel_sentence("Acme", ch("mastodon", 40, 2, 300.0), "questions") == (
        "Acme rarely answers questions on mastodon (2 of 40)."
    )
    assert channel_sentence("Acme", ch("blog", 3, 1, 9.0), "questions") == (
        "Too few questions to Acme on blog to say (3)."
    )


def test_durations():
    assert [duration(x) for x in (0.4, 1.0, 12.4, 200.0, 4000.0, None)] == [
        "under a minute", "1 minute", "12 minutes", "3.3 hours", "2.8 days", "unknown time",
    ]  # fmt: skip


def test_directory_of_a_store(store):
    api.import_paths(store, [FIXTURES / "audience" / "acme_audience.csv"])
    set_signals(store, SIGNALS)
    result = api.analyse(store, signals=False).to_json()
    (acme,) = api.directory(result)
    # questions: carl's on twitter (answered after 12 min), dana's on mastodon (ignored)
    assert acme["basis"] == "questions"
    assert (acme["questions"], acme["answered"], acme["median_minutes"]) == (2, 1, 12.0)
    assert acme["answers_questions_rate"] == 0.5
    by = {c["platform"]: c for c in acme["channels"]}
    assert by["twitter"]["sentence"] == "Too few questions to Acme on twitter to say (1)."
    assert acme["best_channel"] is None  # no channel has enough questions to say
    assert (
        acme["summary"]
        == "Too few questions to Acme to say (2 in all: 1 on twitter, 1 on mastodon)."
    )


def test_without_question_signals_it_counts_messages(store):
    api.import_paths(store, [FIXTURES / "generic" / "thread_missing_time.csv"])
    result = api.analyse(store, signals=False).to_json()
    (acme,) = result["directory"]
    assert acme["basis"] == "messages"
    assert (acme["questions"], acme["answered"]) == (3, 3)
    assert acme["channels"][0]["sentence"] == "Too few messages to Acme on generic to say (3)."
