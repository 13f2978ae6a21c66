"""template and agent: what a brand reply is compared on for canned replies, and who signed it.

Both come from one parse of the text (:func:`brandcouch.signals.templates.reply_template`):

* ``template``: the reply's *shingle text*, its normalised template key without leading
  greetings (the agent signature, other caret initials, links, @handles, a greeting name, part
  markers and numbers, punctuation and emoji removed, lower-cased; docs/signals.md, "Canned
  replies"), ``""`` when nothing is left;
* ``agent``: the agent signature at the end of the reply (``"RS"``, ``"Katie"``;
  :mod:`brandcouch.signals.signatures`), ``""`` when it is not signed.

They are per-text values like any other signal, so they are computed once per distinct text
in the import's process pool and cached by text hash; the analysis' canned-reply groups
(``reply_keys``: MinHash, LSH and union-find over each brand's replies) read them instead of
parsing every reply again. Only brand messages get them (``BRAND_ONLY``).
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.batchcache import per_batch
from brandcouch.signals.registry import signal
from brandcouch.signals.templates import reply_template


def _column(texts: list[str], part: int) -> np.ndarray:
    """One half of each text's :func:`reply_template` (parsed once per batch for both), ``""``
    for a missing signature."""
    parsed = per_batch(texts, "reply_template", lambda ts: [reply_template(t) for t in ts])
    out = np.empty(len(texts), dtype=object)
    out[:] = [r[part] or "" for r in parsed]
    return out


@signal(
    "template",
    version="template.v1",
    kind="str",
    help="a brand reply's normalised text for canned-reply matching (signature, names, links "
    "and numbers removed)",
)
def template(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return _column(texts, 0)


@signal(
    "agent",
    version="agent.v1",
    kind="str",
    help='the agent signature a brand reply ends with ("^RS", "-Katie" -> RS, Katie); '
    '"" when unsigned',
)
def agent(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return _column(texts, 1)
