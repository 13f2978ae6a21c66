"""The audience's raw per-member statistics: the rules and constants of the SQL steps
``aud_person``, ``aud_msgs``, ``aud_thread`` and ``aud_stats`` (declared, with their SQL, in
:mod:`brandcouch.analysis.steps`).

A **member** of a brand's audience is a *person* who sent the brand at least one inbound message
(a row of the frame's ``inbound`` table). A person is one account, or several accounts on
different platforms that are the same person: linked by configuration (``[people]`` in
``brandcouch.toml``), or carrying the same handle (case-insensitive, leading ``@`` dropped).

Temp tables (read by :mod:`ties`, :mod:`segments`, :mod:`recommenders`):

``aud_person``  account_id → person key, for every audience account
``aud_msgs``    one row per (brand, inbound message) with its person and per-message flags
``aud_thread``  one row per (brand, person, thread): turns and the person's last word there.
                Turns = the brand's direct replies to the person + the person's messages that
                were answered or that answer a brand reply (at least 1): a back-and-forth of
                question, answer, follow-up, answer is 4; six comments nobody answered are 1.
``aud_stats``   one row per (brand, person): the counts every tie part and segment rule uses
"""

from __future__ import annotations

#: fewer timed messages than this cannot show a bot's cadence (segments.BOT_MIN_MESSAGES)
BOT_CADENCE_MIN = 5
#: VADER compound at or below this is negative, at or above ``POSITIVE`` positive
NEGATIVE = -0.05
POSITIVE = 0.05
#: a recommendation that negates itself is a warning, not a recommendation
NEGATION = (
    r"\b(don'?t|do not|never|avoid|stay away|not worth|wouldn'?t|would not|can'?t recommend"
    r"|cannot recommend|not recommend)\b"
)


def sql_literal(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


#: account features of automated accounts: a self-description, or a platform's default handle
#: (letters followed by at least six digits, e.g. Twitter's ``jane12345678``)
DECLARED_BOT = r"(bot\b|\bautomated\b|\bauto-?post)"
DEFAULT_HANDLE = r"^[a-z_]+[0-9]{6,}$"
