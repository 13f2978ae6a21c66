"""The care-team section of each brand (``brands[].care``, docs/output.md "Care team"): SLA,
volume over time, topics and agents, from the steps :data:`CARE_TABLES` (the caller, the
analysis run, builds them)."""

from __future__ import annotations

from brandcouch.metrics.agents import agents_by_brand
from brandcouch.metrics.sla import Clock, sla_by_brand
from brandcouch.metrics.topics import topics_by_brand
from brandcouch.metrics.volume import volume_by_brand
from brandcouch.store import Store

#: the analysis steps the care section reads
CARE_TABLES = (
    "turns",
    "turn_facts",
    "inbound",
    "brand_msgs",
    "breply",
    "conv_judgements",
    "mb",
    "brand_map",
    "brand_names",
    "predicates",
    "run_scope",
)


def empty_care(clock: Clock | None = None) -> dict:
    return {"sla": None, "volume": {"by_day": [], "by_hour": []}, "topics": [], "agents": []}


def care_sections(store: Store, config, end=None, window=None, topics=None) -> dict[str, dict]:
    """``{brand: care}`` for every brand with rows in the steps; ``config`` gives
    ``sla_target``, ``timezone``, ``business_hours`` and ``business_days``; ``window`` (the
    run's ``(since, until)`` in naive UTC) keeps the volume to what was written in it;
    ``topics``, when given, is :func:`topics_by_brand`'s result already computed (the run
    starts it early: :func:`brandcouch.metrics.topics.topics_later`)."""
    clock = Clock.from_config(config)
    sla = sla_by_brand(store, clock, end)
    volume = volume_by_brand(store, clock.tz, None if window is None else window[1])
    if topics is None:
        topics = topics_by_brand(store, clock.tz)
    agents = agents_by_brand(store)
    out: dict[str, dict] = {}
    for name in sorted(set(sla) | set(volume) | set(topics) | set(agents)):
        out[name] = {
            "sla": sla.get(name),
            "volume": volume.get(name) or {"by_day": [], "by_hour": []},
            "topics": topics.get(name, []),
            "agents": agents.get(name, []),
        }
    return out
