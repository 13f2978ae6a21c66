"""The audience: quality versus quantity (docs/audience.md).

``build_audience(store)`` builds the member table from the conversation frame;
``audience_members(store, brand)`` returns it as a data frame (tie strength, its parts, segment);
``attach_audience(store, brands)`` adds the ``audience`` sections to the result's brand dicts.
"""

from brandcouch.audience.build import MEMBER_COLUMNS, audience_members, build_audience
from brandcouch.audience.members import link_people
from brandcouch.audience.report import attach_audience
from brandcouch.audience.segments import LABELS, SEGMENTS
from brandcouch.audience.ties import WEIGHTS

__all__ = [
    "LABELS",
    "MEMBER_COLUMNS",
    "SEGMENTS",
    "WEIGHTS",
    "attach_audience",
    "audience_members",
    "build_audience",
    "link_people",
]
