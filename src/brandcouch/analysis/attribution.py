"""Attribution: which brand owns an account, and which brands a message addresses.

The SQL of the ``brand_map`` and ``to_brand`` steps (declared in
:mod:`brandcouch.analysis.steps`), kept here so that attribution (mentions, declared accounts,
inferred brands) can change in one place, and the query behind the "no brand found" hint
(:func:`brand_candidates`).

The rules (docs/metrics.md, "Attribution"):

- **Declared beats inferred.** A brand's account references (``brand_accounts``, and the
  configuration's ``[brands]`` overlay) are *declared* (``brands.source`` ``config`` / ``cli``,
  or the overlay) or *inferred* by an importer (``inferred:<importer>``: a TWCS brand handle, a
  blog's or forum's owner). An inferred brand that shares a reference with a declared one (the
  same ``platform:ref`` in any case, or the same account), or that is named after a declared
  reference (the Disqus forum ``hexo-tanglei`` and a declared ``disqus:forum:hexo-tanglei``),
  is replaced by it: its references are dropped, and an account claimed by both goes to the
  declared brand.
- **Every mention counts.** A message addresses every brand one of its ``message_mentions``
  names, case-insensitively, by the handle of a brand's account or by a declared reference
  itself, and the brand its ``to_account_id`` names (an account of the brand, its
  ``platform:@handle``, or a reference of the brand).
- **An answered chain addresses the brand.** When a brand replies to a customer's message, the
  same customer's earlier messages in that reply chain (its ancestors) address the brand too,
  even when they name it only by an anonymised handle (TWCS: "I'm sick of @116136 internet",
  then follow-ups, then the brand's answer to the last one).
- **A declared account needs no row.** References match mentions and ``to_account_id`` by
  themselves, so an account that never posted (no row in ``accounts``) still receives what is
  addressed to it.
"""

from __future__ import annotations

from brandcouch.store.writer import brand_refs_cte

#: the references of every brand, minus those of inferred brands a declared one replaces
#: (``brand_refs``; the rule lives with the writer, which applies it to the store)
BRAND_REFS = brand_refs_cte("SELECT brand, platform, ref FROM config_brand_accounts")

#: account -> brand: the accounts the references name (by native id or handle, any case);
#: an account two brands claim goes to the declared one, then the first by name
BRAND_MAP = f"""
WITH {BRAND_REFS}
SELECT DISTINCT ON (a.id) b.brand, a.id AS account_id
FROM brand_refs b
JOIN accounts a
  ON a.platform = b.platform
 AND (a.native_id = b.ref OR lower(a.handle) = b.key OR lower(a.native_id) = b.key)
ORDER BY a.id, b.declared DESC, b.brand
"""

#: (message, brand) for every brand a message addresses by a mention or its to_account_id
#: (several rows for a message naming several brands), and every earlier message of a customer
#: the brand answers further down the same reply chain (``answered_chain``: "sick of @116136
#: internet" -> the same customer's follow-ups -> the brand's reply to the last one)
#: the longest reply chain climbed (a chain of parents that loops stops there)
MAX_CHAIN = 1000
TO_BRAND = f"""
WITH RECURSIVE {BRAND_REFS},
up(brand, author_id, cur, level) AS (  -- from each audience message a brand replies to,
    SELECT DISTINCT b.author_brand, p.author_id, p.parent_id, 1  -- upwards (UNION ALL: Spark
    FROM mb b JOIN mb p ON p.id = b.parent_id                  -- recurses with nothing else;
    WHERE b.author_brand IS NOT NULL AND p.author_brand IS NULL AND p.parent_id IS NOT NULL
    UNION ALL                                                  -- a parent cycle stops at
    SELECT u.brand, u.author_id, m.parent_id, u.level + 1      -- MAX_CHAIN levels)
    FROM up u JOIN mb m ON m.id = u.cur
    WHERE m.parent_id IS NOT NULL AND u.level < {MAX_CHAIN}
),
answered_chain AS (  -- the same customer's messages above it in the chain
    SELECT DISTINCT m.id, u.brand
    FROM up u JOIN mb m ON m.id = u.cur
    WHERE m.author_id = u.author_id AND m.author_brand IS NULL
),
handles AS (  -- what a mention or a platform:@handle can name, per brand
    SELECT bm.brand, a.platform, lower(ltrim(a.handle, '@')) AS handle
    FROM brand_map bm JOIN accounts a ON a.id = bm.account_id
    WHERE a.handle IS NOT NULL
    UNION
    SELECT brand, platform, key FROM brand_refs
)
SELECT DISTINCT id, brand FROM (
    SELECT m.id, bm.brand FROM mb m JOIN brand_map bm ON bm.account_id = m.to_account_id
    UNION ALL
    SELECT m.id, h.brand FROM mb m JOIN handles h
      ON h.platform = m.platform AND lower(m.to_account_id) = h.platform || ':@' || h.handle
    UNION ALL  -- a reference of the brand, whether or not its account has a row
    SELECT m.id, r.brand FROM mb m JOIN brand_refs r
      ON r.platform = m.platform AND lower(m.to_account_id) = r.platform || ':' || r.key
    UNION ALL  -- every mention, in any case
    SELECT mm.message_id, h.brand FROM message_mentions mm JOIN handles h
      ON h.platform = mm.platform AND h.handle = mm.handle
    UNION ALL  -- a customer's earlier messages in a chain the brand answers
    SELECT id, brand FROM answered_chain
) t
WHERE id IN (SELECT id FROM mb)
"""

#: every brand: the store's ``brands`` plus the overlay, without the inferred brands a
#: declared one replaces (for the ``brand_names`` step)
BRAND_NAMES = f"""
WITH {BRAND_REFS}
SELECT name FROM brands WHERE name NOT IN (SELECT brand FROM replaced)
UNION
SELECT DISTINCT brand FROM config_brand_accounts
"""

#: the accounts most likely to be a brand when none is declared or inferred: the most
#: mentioned or addressed (``mentioned``), the most replied to by others (``replied_to``: the
#: replies in the store, or the source's reply counts of its messages where larger), then the
#: most active (``posts``), with the reference to declare them by (a handle where known, else
#: the native id)
CANDIDATES = """
WITH addressed AS (
    SELECT m.to_account_id AS account_id, count(*) AS n FROM messages m
    WHERE m.to_account_id IS NOT NULL AND m.to_account_id <> m.author_id GROUP BY 1
), replied AS (
    SELECT p.author_id AS account_id, count(*) AS n
    FROM messages m JOIN messages p ON p.id = m.parent_id
    WHERE m.author_id <> p.author_id GROUP BY 1
), authored AS (
    SELECT author_id AS account_id, count(*) AS posts, sum(replies) AS counted_replies
    FROM messages WHERE kind <> 'repost' GROUP BY 1
), mentioned AS (
    SELECT mm.platform, mm.handle, count(DISTINCT mm.message_id) AS n
    FROM message_mentions mm JOIN messages m ON m.id = mm.message_id
    GROUP BY 1, 2
), known AS (
    SELECT a.id AS account_id, a.platform, coalesce(a.handle, a.native_id) AS ref,
           greatest(coalesce(ad.n, 0), coalesce(mn.n, 0)) AS mentioned,
           greatest(coalesce(rp.n, 0), coalesce(au.counted_replies, 0)) AS replied_to,
           coalesce(au.posts, 0) AS posts
    FROM accounts a
    LEFT JOIN addressed ad ON ad.account_id = a.id
    LEFT JOIN replied rp ON rp.account_id = a.id
    LEFT JOIN authored au ON au.account_id = a.id
    LEFT JOIN mentioned mn ON mn.platform = a.platform AND mn.handle = lower(a.handle)
), unknown AS (  -- handles mentioned that no account row describes (they never posted)
    SELECT NULL AS account_id, mn.platform, mn.handle AS ref, mn.n AS mentioned,
           0 AS replied_to, 0 AS posts
    FROM mentioned mn
    ANTI JOIN accounts a ON a.platform = mn.platform AND lower(a.handle) = mn.handle
)
SELECT * FROM (SELECT * FROM known UNION ALL SELECT * FROM unknown)
WHERE mentioned + replied_to + posts > 0
  AND ref NOT IN ('[deleted]', '[removed]', 'AutoModerator', 'anon:[unknown]')
ORDER BY mentioned + replied_to DESC, replied_to DESC, posts DESC, ref
LIMIT ?
"""


def _brand_name(platform: str, ref: str) -> str:
    name = ref.rsplit(":", 1)[-1]
    if platform == "mastodon" and "@" in name:
        name = name.split("@", 1)[0]
    return name or ref


def brand_candidates(store, limit: int = 5) -> list[dict]:
    """The likeliest brand accounts of a store in which no brand can be found: ``account_id``
    (None for a handle that is only mentioned), ``platform``, ``ref``, ``mentioned``,
    ``replied_to``, ``posts`` and ``spec``, the ``NAME=platform:ref`` to declare it with."""
    rows = store.con.execute(CANDIDATES, [int(limit)]).fetchall()
    return [
        {
            "account_id": aid,
            "platform": platform,
            "ref": ref,
            "mentioned": int(mentioned),
            "replied_to": int(replied),
            "posts": int(posts),
            "spec": f"{_brand_name(platform, ref)}={platform}:{ref}",
        }
        for aid, platform, ref, mentioned, replied, posts in rows
    ]
