"""The audience: quality versus quantity (docs/audience.md).

The member tables are analysis steps (:mod:`brandcouch.analysis.steps`, ``aud_*``);
``audience_members(store, brand)`` returns the members as a data frame (tie strength, its parts,
segment); ``audience_sections(store, brands)`` returns the ``audience`` section of each brand
and of its channels.
"""

from brandcouch.audience.build import MEMBER_COLUMNS, audience_members
from brandcouch.audience.report import audience_sections
from brandcouch.audience.segments import LABELS, SEGMENTS
from brandcouch.audience.ties import WEIGHTS

__all__ = [
    "LABELS",
    "MEMBER_COLUMNS",
    "SEGMENTS",
    "WEIGHTS",
    "audience_members",
    "audience_sections",
]
