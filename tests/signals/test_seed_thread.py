"""The essay's comment thread: only Elias pitches his own platform."""

from __future__ import annotations

import defusedxml.ElementTree as ET

from brandcouch.signals import score_texts

from .helpers import shared_file

WP = "{http://wordpress.org/export/1.2/}"


def seed_comments() -> list[tuple[str, str]]:
    root = ET.parse(shared_file("seed/seed-thread.wxr")).getroot()
    return [
        (c.find(f"{WP}comment_author").text, c.find(f"{WP}comment_content").text or "")
        for c in root.iter(f"{WP}comment")
    ]


def test_only_elias_is_flagged_as_self_promotion():
    comments = seed_comments()
    assert len(comments) == 9
    scores = score_texts([t for _, t in comments], signals=["self_promotion"])["self_promotion"]
    flagged = {author for (author, _), s in zip(comments, scores, strict=True) if s >= 0.5}
    assert flagged == {"Elias"}
    assert "Social Steve" in {a for a, _ in comments}  # the author's replies were checked too


def test_the_authors_reply_to_elias_is_relevant_to_it():
    comments = dict(seed_comments()[3:5][::-1])
    reply, pitch = comments["Social Steve"], comments["Elias"]
    rel = score_texts([reply, reply], parents=[pitch, "Lovely recipe for banana bread"],
                      signals=["relevance"])["relevance"]  # fmt: skip
    assert rel.iloc[0] > rel.iloc[1]
