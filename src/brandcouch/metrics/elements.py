"""The four elements and relationship health for every brand, channel and period.

The tables the elements read are analysis steps (:mod:`brandcouch.analysis.steps`):

``breply``        brand replies, with ``template_key``/``template_uses``/``canned``, and, when
                  they answer an inbound message (``to_inbound``), the response time and what
                  the parent was (``parent_needs``, ``parent_negative``, ``parent_complaint``,
                  ``parent_is_followup``)
``turn_facts``    the customer turns (``turns``) with what the inbound-based components read:
                  ``negative``, ``acked``, ``is_followup``, the next turn (``after_*``),
                  ``member_turns``/``member_answered``, ``deletion_source``; every component
                  that counted inbound messages counts these turns (with ``_messages`` beside)
``inb``           ``inbound`` plus ``needs`` (a reply is needed), ``acked`` (answered with an
                  apology/acknowledgement), ``deletion_source`` (its channel records
                  deletions), ``is_followup`` (a reply to the brand's own reply) and the author's
                  message count/answered with the brand
``bposts``        brand top-level posts with direct audience ``responses``/``appreciative``,
                  ``interactions``, ``has_metrics``, the account's ``followers`` and ``kiss``
``conv_judgements`` one customer's conversation with the brand: owned, deflected only,
                  personal, outcome (:mod:`brandcouch.analysis.judgements`); ``conv_evidence``
                  the messages transparency quotes from it

:func:`group_scores` scores each element per group of a grouping (brand / channel / week /
month) with one query per component family, GROUP BY the grouping keys, and returns the
scores; :func:`element_scores` gives the brand and channel scores of a run.
"""

from __future__ import annotations

from collections import defaultdict

from brandcouch.metrics import empathy, mutuality, transparency, value
from brandcouch.metrics.component import score_element
from brandcouch.metrics.coverage import coverage_frame, coverage_of
from brandcouch.metrics.evidence import collect_evidence
from brandcouch.metrics.health import health
from brandcouch.metrics.responsiveness import GROUPINGS
from brandcouch.settings import Config
from brandcouch.store import Store

SPECS = (empathy.SPEC, value.SPEC, transparency.SPEC, mutuality.SPEC)
FRAMES = {
    "empathy": empathy.frame,
    "value": value.frame,
    "transparency": transparency.frame,
    "mutuality": mutuality.frame,
}
#: evidence messages per direction for periods (brands and channels use the ``evidence`` setting)
PERIOD_EVIDENCE = 2


#: the settings the elements read
ELEMENT_SETTINGS = ("min_inbound", "min_posts", "evidence", "canned_min_repeats", "min_coverage")


def element_settings(config: Config) -> dict:
    """The settings the elements read, from the run's configuration."""
    return {n: config.setting(n) for n in ELEMENT_SETTINGS}


def _group(row: dict, keys: tuple[str, ...]) -> tuple:
    return tuple(row[c] for c in keys)


def group_scores(store: Store, grouping: str, cfg: dict) -> dict[tuple, dict]:
    """``{group key: {"elements": {element: score dict}, "health": dict}}`` for a grouping."""
    keys = GROUPINGS[grouping]
    limit = cfg["evidence"] if grouping in ("brand", "channel") else PERIOD_EVIDENCE
    evidence = collect_evidence(store, SPECS, keys, limit)
    rows: dict[tuple, dict[str, dict]] = defaultdict(dict)
    for spec in SPECS:
        for row in FRAMES[spec.name](store, keys).to_dict("records"):
            rows[_group(row, keys)][spec.name] = row
    cov = {_group(r, keys): r for r in coverage_frame(store, keys).to_dict("records")}
    min_cov = float(cfg.get("min_coverage") or 0.0)
    out = {}
    for group, by_element in rows.items():
        elements = {}
        coverage = coverage_of(cov.get(group))
        for spec in SPECS:
            el = score_element(
                spec, by_element.get(spec.name, {}), cfg[spec.min_setting], coverage, min_cov
            )
            ev = evidence.get(group, {}).get(spec.name)
            if ev:
                el["evidence"] = ev
            elements[spec.name] = el
        out[group] = {"elements": elements, "health": health(elements)}
    return out


def empty_scores(cfg: dict) -> dict:
    """Scores of a group with no data at all."""
    elements = {s.name: score_element(s, {}, cfg[s.min_setting]) for s in SPECS}
    return {"elements": elements, "health": health(elements)}


def element_scores(
    store: Store, cfg: dict, groupings: tuple[str, ...] = ("brand", "channel")
) -> dict[str, dict[tuple, dict]]:
    """``{grouping: {group key: {"elements", "health"}}}`` for the groupings asked for."""
    return {g: group_scores(store, g, cfg) for g in groupings}
