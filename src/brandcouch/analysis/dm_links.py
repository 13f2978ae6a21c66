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

``reply_push``: one row per brand message (not a repost) of ``brand_msgs``: ``id``, ``brand``,
``dm_link`` (it holds one of the brand's private-channel links), ``link_push`` (``dm_link`` and
no engaging act), ``act_private`` and ``deflection`` after the rule.

The thresholds were chosen on the training splits of the acts labels only
(bench/eval_dm_links.py); the links are t.co short links matched in SQL.
"""

from __future__ import annotations

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
), flags AS (
    SELECT rb.id, rb.brand, h.id IS NOT NULL AS dm_link,
           h.id IS NOT NULL AND NOT ({engaged}) AS link_push,
           coalesce(m.act_private, 0) AS text_private,
           coalesce(m.deflection, 0) AS text_deflection
    FROM rb JOIN mb m ON m.id = rb.id
    LEFT JOIN has h ON h.id = rb.id
)
SELECT id, brand, dm_link, link_push,
       CASE WHEN link_push THEN 1.0 ELSE text_private END AS act_private,
       CASE WHEN link_push THEN 1.0 ELSE text_deflection END AS deflection
FROM flags
"""


REPLY_PUSH = reply_push_sql()
