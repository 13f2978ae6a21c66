"""A brand's private-channel links: the corpus-level DM-link rule (docs/metrics.md,
"Deflection and the DM-link rule"; docs/judgements/eighth_pass.md).

The text rules (``act_private``, ``deflection``) read one reply at a time, so a reply whose only
content is a link to the brand's DM deep link ("We'd love to help. https://t.co/…") reads as
nothing: the t.co link hides its target. Across the brand's replies the same link tells: a link
a brand uses in at least :data:`MIN_USES` of its replies, at least :data:`MIN_SHARE` of them
read as a push to a private channel by the text rules, is that brand's **private-channel
link**. A brand reply that holds such a link and has no engaging act (none of
``act_acknowledge``, ``act_diagnose``, ``act_inform``, ``act_commit`` >= 0.5, and the
``engagement`` signal below 0.5: on a reply the text rules do not read as a push, engagement is
the learned model's, which also sees information the inform rule misses — UPS's "We deliver up
until 7:00 p.m. …" followed by its DM link, a training row of acts_more2) is a push:
``act_private`` = 1 and ``deflection`` = 1 in ``reply_push``. Like the canned-reply templates,
this needs the brand's other replies, so it is an analysis step, not a per-text signal.

**Routing on request** (tenth pass, docs/judgements/tenth_pass.md): a brand reply right under
a customer message that asks how to reach the brand ("How can I contact you?", "who can I
complain to", "I would like to speak to a technician", "… and respective contact numbers",
"どこに連絡すればよいのでしょうか") answers that question when it names a channel other than a
DM (a phone line, an office, a web form): labels/acts.md 3986 and acts_more4.md label it
inform;private, not a deflection. Such a reply (``routed``: the parent is an audience message
matching :data:`ASKS_CHANNEL`, the reply has no DM word, :data:`DM_WORD`, no "so we can
assist" purpose of its own push, :data:`PUSH_PURPOSE`, and its words name the channel: the text
rules read it as ``act_private``; until the tenth pass it also needed to hold no private-channel
link, which cleared HP's "Fill the web form using this link to reach them … <DM link>"; eleventh
pass, docs/judgements/eleventh_pass.md) keeps ``act_private`` but has ``deflection`` = 0. "Please send us a DM"
under the same question stays a deflection. The conversation judgements do not change: they
read ``act_private`` and, on a push, acknowledging / diagnosing / committing only.

``reply_push``: one row per brand message (not a repost) of ``brand_msgs``: ``id``, ``brand``,
``dm_link`` (it holds one of the brand's private-channel links), ``link_push`` (``dm_link`` and
no engaging act), ``routed`` (a non-DM channel given under a request for one), ``act_private``
and ``deflection`` after the rules.

The thresholds were chosen on the training splits of the acts labels only
(bench/eval_dm_links.py); the links are t.co short links matched in SQL.
"""

from __future__ import annotations

from brandcouch.audience.members import sql_literal
from brandcouch.model.vocabulary import SIGNAL_ON

ON = SIGNAL_ON
#: a link needs this many of the brand's replies ...
MIN_USES = 3
#: ... and this share of them read as a push by the text rules
MIN_SHARE = 0.6
#: a t.co short link; the group covers the whole match so that DuckDB (group 0 by default) and
#: Spark (group 1 by default) extract the same string; [.] avoids backslash escapes in literals
LINK_RE = "(https?://t[.]co/[A-Za-z0-9]+)"

ENGAGING = ("act_acknowledge", "act_diagnose", "act_inform", "act_commit")

#: a word boundary both engines read without a backslash escape (lower-cased text)
_W = "(^|[^a-z])"
#: a customer message asking how to reach the brand (read on the training rows, lower case;
#: no backslashes, so DuckDB's RE2 and Spark's Java regex read the literal alike)
ASKS_CHANNEL = (
    _W + "((who|how|where) (can|do|should|could|would) (i|we) ([a-z]+ ){0,2}(contact|call|reach|"
    "e-?mail|complain to|speak|talk|get in touch|get in contact|get hold)"
    "|how (can|do) (i|we) get in (touch|contact)"
    "|(want|would like|wish|need|like) to (speak|talk) (to|with) (a|an|someone|somebody|the|your)"
    "|can (i|we) (speak|talk) (to|with)"
    "|contact numbers?"
    "|do you have an? (e-?mail|phone|contact|telephone))"
    "|どこに連絡|連絡先"
)
#: a DM in the reply ("send us a DM", "direct message", "send through the private link", "click
#: 'Message' at the top of your profile"): not an answer to "how can I reach you"
DM_WORD = (
    _W + "(dm|dms|direct message|private message|private link|private chat|pm)([^a-z]|$)"
    "|(click|tap) (on )?[^a-z ]?message[^a-z]"
)
#: the brand asks to be sent the case so that it can handle it ("Send us a note via <form> so
#: we can assist"): its own push under the question, not routing to the right team (eleventh
#: pass, acts_more3 2421)
PUSH_PURPOSE = (
    _W + "so (that )?(we|i|our team) (can|could|may) (assist|help|look|take a look|connect)"
)


def reply_push_sql(min_uses: int = MIN_USES, min_share: float = MIN_SHARE) -> str:
    """The SELECT of ``reply_push`` for the given thresholds (the step uses the defaults; the
    bench tries others on the training splits)."""
    engaged = " OR ".join(f"coalesce(m.{c}, 0) >= {ON}" for c in ENGAGING + ("engagement",))
    return f"""
WITH rb AS (
    SELECT b.id, b.brand FROM brand_msgs b WHERE b.kind <> 'repost'
), ul AS (  -- each distinct link of each brand reply
    SELECT DISTINCT l.id, l.brand, l.link
    FROM (SELECT rb.id, rb.brand, unnest(regexp_extract_all(x.text, '{LINK_RE}')) AS link
          FROM rb JOIN messages x ON x.id = rb.id) l
), per_link AS (
    SELECT u.brand, u.link, count(*) AS uses,
           count(*) FILTER (WHERE coalesce(m.act_private, 0) >= {ON}) AS private_uses
    FROM ul u JOIN mb m ON m.id = u.id
    GROUP BY u.brand, u.link
), dm AS (  -- the brand's private-channel links
    SELECT brand, link FROM per_link
    WHERE uses >= {int(min_uses)} AND private_uses >= {float(min_share)} * uses
), has AS (
    SELECT DISTINCT u.id FROM ul u JOIN dm d ON d.brand = u.brand AND d.link = u.link
), asked AS (  -- replies right under an audience message that asks how to reach the brand,
              -- naming no DM
    SELECT rb.id
    FROM rb JOIN messages x ON x.id = rb.id
    JOIN messages p ON p.id = x.parent_id
    JOIN mb pm ON pm.id = p.id
    WHERE pm.author_brand IS NULL
      AND coalesce(regexp_matches(lower(p.text), {sql_literal(ASKS_CHANNEL)}), false)
      AND NOT coalesce(regexp_matches(lower(x.text), {sql_literal(DM_WORD)}), false)
      AND NOT coalesce(regexp_matches(lower(x.text), {sql_literal(PUSH_PURPOSE)}), false)
), flags AS (
    SELECT rb.id, rb.brand, h.id IS NOT NULL AS dm_link,
           h.id IS NOT NULL AND NOT ({engaged}) AS link_push,
           a.id IS NOT NULL AND coalesce(m.act_private, 0) >= {ON} AS routed,
           coalesce(m.act_private, 0) AS text_private,
           coalesce(m.deflection, 0) AS text_deflection
    FROM rb JOIN mb m ON m.id = rb.id
    LEFT JOIN has h ON h.id = rb.id
    LEFT JOIN asked a ON a.id = rb.id
)
SELECT id, brand, dm_link, link_push, routed,
       CASE WHEN link_push THEN 1.0 ELSE text_private END AS act_private,
       CASE WHEN routed THEN 0.0 WHEN link_push THEN 1.0 ELSE text_deflection END AS deflection
FROM flags
"""


REPLY_PUSH = reply_push_sql()
