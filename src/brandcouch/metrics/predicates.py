"""The judgements on one message that several parts of the analysis share, defined once.

Each is a SQL expression over a message's signal columns, and a temp SQL macro of the same
body (:data:`MACROS`, created by the analysis step ``predicates``) so that a query over any
table with those columns writes ``needs_reply(question, complaint)``.
"""

from __future__ import annotations

from brandcouch.model.vocabulary import SIGNAL_ON

#: VADER compound at or below this is clearly negative in tone
NEGATIVE_SENTIMENT = -0.3
#: an inbound message needs a reply when it asks something or complains (not every "lol")
NEEDS_REPLY = f"(question >= {SIGNAL_ON} OR complaint >= {SIGNAL_ON})"
#: a negative inbound message: clearly negative in tone, or a complaint
NEGATIVE = f"(sentiment <= {NEGATIVE_SENTIMENT} OR complaint >= {SIGNAL_ON})"

#: the macros: missing signals count as "no" (false, never NULL)
MACROS = (
    f"CREATE OR REPLACE TEMP MACRO needs_reply(question, complaint) AS "
    f"coalesce({NEEDS_REPLY}, false)",
    f"CREATE OR REPLACE TEMP MACRO is_negative(sentiment, complaint) AS "
    f"coalesce({NEGATIVE}, false)",
)
