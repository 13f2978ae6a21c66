"""Segments: every member falls in exactly one, tested in this order (the first rule that
matches wins). Thresholds are named here and documented in docs/audience.md.

1. ``likely_bot``     regular cadence: >= 5 messages whose gaps vary by at most 10% (coefficient
                      of variation <= 0.1) and average >= 5 minutes; or repeated texts (>= 3
                      messages, at least half of them duplicates) from an account that looks
                      automated (calls itself a bot/automated, or a default ``name123456`` handle)
2. ``spam``           self-promotion (>= 0.5, and not a complaint or question) on more than half
                      of their messages
3. ``critic_at_risk`` >= 2 complaints, or any unresolved complaint: unanswered, or their last
                      word in that thread after the brand's answer is negative
4. ``advocate``       >= 2 messages, mean sentiment >= 0.05, and a recommendation of the brand
                      (to it or to others, by name) or >= 2 messages of gratitude/praise
5. ``regular``        >= 2 messages
6. ``one_off``        a single message

A **quality relationship** (a real two-way one): >= 2 messages (they came back), answered at
least once (the brand came back to them), no unresolved complaint (a relationship that leaves
their problem unanswered, or them negative after the answer, is not two-way), and not
``likely_bot`` or ``spam``.
"""

from __future__ import annotations

from brandcouch.audience.members import BOT_CADENCE_MIN

SEGMENTS: tuple[str, ...] = (
    "likely_bot",
    "spam",
    "critic_at_risk",
    "advocate",
    "regular",
    "one_off",
)
LABELS = {
    "likely_bot": "likely bots",
    "spam": "self-promoters and spam",
    "critic_at_risk": "critics at risk",
    "advocate": "advocates",
    "regular": "regulars",
    "one_off": "one-off",
}

BOT_MIN_MESSAGES = BOT_CADENCE_MIN  # messages (so BOT_MIN_MESSAGES - 1 gaps)
BOT_MAX_GAP_CV = 0.1
BOT_MIN_GAP_SECONDS = 300
DUPLICATE_MIN_MESSAGES = 3
DUPLICATE_MIN_SHARE = 0.5
CRITIC_MIN_COMPLAINTS = 2
ADVOCATE_MIN_SENTIMENT = 0.05
ADVOCATE_MIN_GRATEFUL = 2
QUALITY_MIN_MESSAGES = 2


def cadence_bot_sql() -> str:
    return (
        f"(n_gaps >= {BOT_MIN_MESSAGES - 1} AND gap_mean_s >= {BOT_MIN_GAP_SECONDS} "
        f"AND gap_std_s / gap_mean_s <= {BOT_MAX_GAP_CV})"
    )


def duplicate_bot_sql() -> str:
    return (
        f"(messages >= {DUPLICATE_MIN_MESSAGES} AND automated_look "
        f"AND 1 - distinct_texts / messages >= {DUPLICATE_MIN_SHARE})"
    )


def segment_sql() -> str:
    """A CASE expression over ``aud_stats`` columns giving the member's segment."""
    return f"""CASE
        WHEN {cadence_bot_sql()} OR {duplicate_bot_sql()} THEN 'likely_bot'
        WHEN promo_messages * 2 > messages THEN 'spam'
        WHEN complaints >= {CRITIC_MIN_COMPLAINTS} OR unresolved_complaints > 0
             THEN 'critic_at_risk'
        WHEN messages >= 2 AND sentiment_mean >= {ADVOCATE_MIN_SENTIMENT}
             AND (recommendations > 0 OR grateful_messages >= {ADVOCATE_MIN_GRATEFUL})
             THEN 'advocate'
        WHEN messages >= 2 THEN 'regular'
        ELSE 'one_off' END"""


def quality_sql(segment_col: str = "segment") -> str:
    return (
        f"(messages >= {QUALITY_MIN_MESSAGES} AND answered > 0 AND unresolved_complaints = 0 "
        f"AND {segment_col} NOT IN ('likely_bot', 'spam'))"
    )


def bot_reason_sql() -> str:
    """Why a member is a likely bot (NULL otherwise), for the evidence."""
    return f"""CASE
        WHEN {cadence_bot_sql()} THEN 'regular cadence: ' || messages || ' messages every '
             || round(gap_mean_s / 60.0, 1) || ' min (variation '
             || round(100 * gap_std_s / gap_mean_s, 1) || '%)'
        WHEN {duplicate_bot_sql()} THEN (messages - distinct_texts) || ' of ' || messages
             || ' messages repeat a text, from an automated-looking account'
        END"""
