"""Attribution: which brand owns an account, and which brand a message addresses.

The SQL of the ``brand_map`` and ``to_brand`` steps (declared in
:mod:`brandcouch.analysis.steps`), kept here so that attribution (mentions, declared accounts,
inferred brands) can change in one place.
"""

from __future__ import annotations

#: account -> brand: the store's ``brand_accounts`` plus the configuration overlay
BRAND_MAP = """
SELECT DISTINCT ON (a.id) b.brand, a.id AS account_id
FROM (SELECT brand, platform, ref FROM brand_accounts
      UNION ALL
      SELECT brand, platform, ref FROM config_brand_accounts) b
JOIN accounts a
  ON a.platform = b.platform
 AND (a.native_id = b.ref OR lower(a.handle) = lower(b.ref))
ORDER BY a.id, b.brand
"""


# the brand a message addresses by its to_account_id (an id, or platform:@handle)
TO_BRAND = """
SELECT m.id, any_value(bm.brand) AS brand FROM (
    SELECT m.id, a.id AS account_id FROM mb m JOIN accounts a ON a.id = m.to_account_id
    UNION ALL
    SELECT m.id, a.id FROM mb m JOIN accounts a
      ON a.platform = m.platform AND a.handle IS NOT NULL
     AND lower(m.to_account_id) = a.platform || ':@' || lower(a.handle)
) m JOIN brand_map bm ON bm.account_id = m.account_id
GROUP BY m.id
"""
