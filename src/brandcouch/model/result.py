"""The analysis result, typed: frozen dataclasses for every section of ``api.analyse()``.

The JSON form is documented in docs/output.md and published as a JSON Schema in
docs/output.schema.json; :meth:`Analysis.from_json` reads it and :meth:`Analysis.to_json`
writes it back exactly (``Analysis.from_json(d).to_json() == d``). Everything is immutable:
sequences are tuples, and mappings whose keys are data (element and component names, band
keys, segments, benchmark metrics) are read-only :class:`FrozenMap` s.

Presence rules, so the round trip is exact: a field documented as *omitted when None* is left
out of the JSON when it has no value (``note``, ``reason``, ``store.path`` ...); every other
field is always written, ``null`` included. Where the same name is written in one place and
left out in another, two classes carry it (:class:`ElementScore` / :class:`HealthScore`,
:class:`ChannelAudience` / :class:`AudienceSummary`).

This module sits in the model layer: it imports only the standard library and
:mod:`brandcouch.model.vocabulary`. pandas is imported lazily by the ``*_frame`` methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from brandcouch.model.vocabulary import ELEMENTS, HINTS, LABELS, RESPONSE_BANDS, SCORE_KEYS

__all__ = [
    "Account",
    "Analysis",
    "AudienceSummary",
    "Benchmark",
    "BenchmarkMetric",
    "BenchmarkRow",
    "BrandResult",
    "ChannelAdvice",
    "ChannelAudience",
    "ChannelResult",
    "Component",
    "DirectoryChannel",
    "DirectoryEntry",
    "ElementScore",
    "Evidence",
    "EvidenceItem",
    "Finding",
    "Flag",
    "FollowerBand",
    "FrozenMap",
    "GoingWell",
    "HealthScore",
    "ImportInfo",
    "Metrics",
    "Numbers",
    "PeriodResult",
    "Prescription",
    "Recommender",
    "ResponseBand",
    "SCHEMA",
    "SCHEMA_VERSION",
    "Session",
    "StoreInfo",
    "StrongMember",
    "ThreadMessage",
    "Window",
]

SCHEMA = "brandcouch.analysis"
SCHEMA_VERSION = 1

K = TypeVar("K")
V = TypeVar("V")
Json = dict[str, Any]


class FrozenMap(Mapping[K, V]):
    """A read-only mapping (keys in their original order); equal to any mapping with the same
    items, hashable when its values are, picklable."""

    __slots__ = ("_d",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()):
        object.__setattr__(self, "_d", dict(items))

    def __getitem__(self, key: K) -> V:
        return self._d[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __repr__(self) -> str:
        return f"FrozenMap({self._d!r})"

    def __hash__(self) -> int:
        return hash(tuple(self._d.items()))

    def __setattr__(self, name, value):
        raise AttributeError("FrozenMap is read-only")

    def __reduce__(self):
        return (FrozenMap, (self._d,))


def _map(d: Mapping | None, conv=None) -> FrozenMap:
    if conv is None:
        return FrozenMap(d or {})
    return FrozenMap((k, conv(k, v)) for k, v in (d or {}).items())


def _deep_frozen(value):
    """A JSON value as read-only containers (dicts → FrozenMap, lists → tuples)."""
    if isinstance(value, Mapping):
        return FrozenMap((k, _deep_frozen(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(_deep_frozen(v) for v in value)
    return value


def _deep_json(value):
    """The plain JSON of :func:`_deep_frozen`."""
    if isinstance(value, Mapping):
        return {k: _deep_json(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_deep_json(v) for v in value]
    return value


def _put(out: Json, key: str, value) -> None:
    """Write ``key`` unless ``value`` is None (the *omitted when None* fields)."""
    if value is not None:
        out[key] = value


# -- evidence ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A message that raised or lowered a score (or stands behind a finding)."""

    message_id: str
    component: str
    reason: str
    text: str
    author: str
    platform: str
    created_at: str | None
    permalink: str | None
    thread_root: str

    @classmethod
    def from_json(cls, d: Json) -> EvidenceItem:
        return cls(
            message_id=d["message_id"], component=d["component"], reason=d["reason"],
            text=d["text"], author=d["author"], platform=d["platform"],
            created_at=d["created_at"], permalink=d["permalink"], thread_root=d["thread_root"],
        )  # fmt: skip

    def to_json(self) -> Json:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Evidence:
    raised: tuple[EvidenceItem, ...] = ()
    lowered: tuple[EvidenceItem, ...] = ()

    def __len__(self) -> int:
        return len(self.raised) + len(self.lowered)

    @classmethod
    def from_json(cls, d: Json) -> Evidence:
        return cls(
            raised=tuple(EvidenceItem.from_json(e) for e in d["raised"]),
            lowered=tuple(EvidenceItem.from_json(e) for e in d["lowered"]),
        )

    def to_json(self) -> Json:
        return {
            "raised": [e.to_json() for e in self.raised],
            "lowered": [e.to_json() for e in self.lowered],
        }


# -- scores --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResponseBand:
    """One first-response band of the ``speed`` component (keys: vocabulary.RESPONSE_BANDS)."""

    count: int
    share: float | None  # None when nothing needed a reply

    @classmethod
    def from_json(cls, d: Json) -> ResponseBand:
        return cls(count=d["count"], share=d["share"])

    def to_json(self) -> Json:
        return {"count": self.count, "share": self.share}


@dataclass(frozen=True, slots=True)
class FollowerBand:
    """One follower-count band of the ``fairness`` component: response rate by reach."""

    band: str
    n: int
    response_rate: float | None

    @classmethod
    def from_json(cls, d: Json) -> FollowerBand:
        return cls(band=d["band"], n=d["n"], response_rate=d["response_rate"])

    def to_json(self) -> Json:
        return {"band": self.band, "n": self.n, "response_rate": self.response_rate}


#: measures some components carry besides value and score (docs/metrics.md), by component
COMPONENT_EXTRAS: tuple[str, ...] = (
    "messages",
    "mean_minutes",
    "median_minutes",
    "per_post",
    "denominator",
    "length_median",
    "readability_mean",
    "better",
    "same",
    "worse",
    "unknown",
)


@dataclass(frozen=True, slots=True)
class Component:
    """One component of an element (or an element inside health). ``name`` is its key in the
    ``components`` mapping (not written inside it). ``status``, ``weight_used`` and ``note``
    are omitted when None (health's components have none of them). ``bands`` are the response
    bands of ``speed``; ``follower_bands`` those of ``fairness`` (both written as ``bands``).
    ``extra`` holds the component's own measures (:data:`COMPONENT_EXTRAS`)."""

    name: str
    value: float | None
    score: float | None
    weight: float
    n: int
    formula: str
    status: str | None = None
    weight_used: float | None = None
    note: str | None = None
    bands: FrozenMap[str, ResponseBand] | None = None
    follower_bands: tuple[FollowerBand, ...] | None = None
    extra: FrozenMap[str, Any] = field(default_factory=FrozenMap)

    _KNOWN = frozenset(
        ("value", "score", "weight", "n", "formula", "status", "weight_used", "note", "bands")
    )

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @property
    def median_minutes(self) -> float | None:
        return self.extra.get("median_minutes")

    @classmethod
    def from_json(cls, name: str, d: Json) -> Component:
        bands = d.get("bands")
        return cls(
            name=name, value=d["value"], score=d["score"], weight=d["weight"], n=d["n"],
            formula=d["formula"], status=d.get("status"), weight_used=d.get("weight_used"),
            note=d.get("note"),
            bands=_map(bands, lambda _k, b: ResponseBand.from_json(b))
            if isinstance(bands, Mapping) else None,
            follower_bands=tuple(FollowerBand.from_json(b) for b in bands)
            if isinstance(bands, list) else None,
            extra=FrozenMap((k, v) for k, v in d.items() if k not in cls._KNOWN),
        )  # fmt: skip

    def to_json(self) -> Json:
        out: Json = {
            "value": self.value,
            "score": self.score,
            "weight": self.weight,
            "n": self.n,
            "formula": self.formula,
        }
        _put(out, "status", self.status)
        _put(out, "weight_used", self.weight_used)
        _put(out, "note", self.note)
        if self.bands is not None:
            out["bands"] = {k: b.to_json() for k, b in self.bands.items()}
        elif self.follower_bands is not None:
            out["bands"] = [b.to_json() for b in self.follower_bands]
        out.update(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class ElementScore:
    """A 0..100 score of one element (empathy, value, transparency, mutuality). ``key`` is its
    name (the key it sits under, not written inside it); ``reason`` (why there is no score) is
    omitted when None."""

    key: str
    score: float | None
    status: str
    n: int
    confidence: str | None
    missing: tuple[str, ...]
    components: FrozenMap[str, Component]
    evidence: Evidence
    reason: str | None = None

    @property
    def label(self) -> str:
        return LABELS.get(self.key, self.key)

    @property
    def hint(self) -> str:
        return HINTS.get(self.key, "")

    @property
    def formula(self) -> str:
        return ""

    @property
    def partial(self) -> bool:
        return self.status == "partial"

    @classmethod
    def _common(cls, key: str, d: Json) -> dict:
        return dict(
            key=key, score=d["score"], status=d["status"], n=d["n"], confidence=d["confidence"],
            missing=tuple(d["missing"]),
            components=_map(d["components"], Component.from_json),
            evidence=Evidence.from_json(d["evidence"]), reason=d.get("reason"),
        )  # fmt: skip

    @classmethod
    def from_json(cls, key: str, d: Json) -> ElementScore:
        return cls(**cls._common(key, d))

    def to_json(self) -> Json:
        out: Json = {
            "score": self.score,
            "status": self.status,
            "n": self.n,
            "confidence": self.confidence,
            "missing": list(self.missing),
            "components": {k: c.to_json() for k, c in self.components.items()},
            "evidence": self.evidence.to_json(),
        }
        _put(out, "reason", self.reason)
        return out


@dataclass(frozen=True, slots=True)
class HealthScore(ElementScore):
    """Relationship health: an :class:`ElementScore` over the four elements (its components
    are the elements) with its formula and the strongest and weakest element (None without a
    score; always written)."""

    health_formula: str = ""
    strongest: str | None = None
    weakest: str | None = None

    @property
    def formula(self) -> str:  # type: ignore[override]
        return self.health_formula

    @classmethod
    def from_json(cls, key: str, d: Json) -> HealthScore:
        return cls(
            **cls._common(key, d),
            health_formula=d["formula"],
            strongest=d["strongest"],
            weakest=d["weakest"],
        )

    def to_json(self) -> Json:
        out = ElementScore.to_json(self)
        out.update(formula=self.health_formula, strongest=self.strongest, weakest=self.weakest)
        return out


@dataclass(frozen=True, slots=True)
class Metrics:
    """Response metrics of a brand, channel or period (docs/metrics.md)."""

    inbound: int
    replied: int
    reply_rate_all: float | None
    first_response_minutes_median: float | None
    first_response_minutes_mean: float | None
    timed_responses: int
    inbound_sentiment_mean: float | None
    brand_posts: int
    brand_replies: int
    #: customer turns (docs/metrics.md, "Turns") and coverage ("Coverage")
    turns: int
    needs_reply_turns: int
    answered_turns: int
    outside_data_turns: int
    coverage: float | None
    turn_response_minutes_median: float | None

    @classmethod
    def from_json(cls, d: Json) -> Metrics:  # a result written before turns: counts 0
        return cls(**{f.name: d.get(f.name, 0 if f.type == "int" else None) for f in fields(cls)})

    def to_json(self) -> Json:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: the metric columns, in table order
METRIC_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Metrics))


def _elements(d: Json) -> FrozenMap[str, ElementScore]:
    return _map(d, ElementScore.from_json)


class _Scored:
    """What brands, channels and periods share: elements, health and metrics."""

    __slots__ = ()
    elements: FrozenMap[str, ElementScore]
    health: HealthScore

    def score(self, key: str) -> ElementScore | None:
        """The score of an element or ``health``; None when there is none."""
        return self.health if key == "health" else self.elements.get(key)

    def scores(self) -> tuple[ElementScore, ...]:
        """The four elements (in vocabulary order) and health."""
        return tuple(s for s in (self.score(k) for k in SCORE_KEYS) if s is not None)

    @property
    def has_scores(self) -> bool:
        return any(s.score is not None for s in self.scores())

    def response_bands(self) -> FrozenMap[str, ResponseBand] | None:
        """The first-response bands of empathy's ``speed`` component, if any."""
        emp = self.elements.get("empathy")
        speed = emp.components.get("speed") if emp else None
        return speed.bands if speed else None


# -- audience ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChannelAudience:
    """Who talks to a brand on a channel (or across all of them: :class:`AudienceSummary`)."""

    status: str
    confidence: str
    members: int
    quality_members: int
    quality_share: float | None
    followers: float | None
    quality_per_1k_followers: float | None
    tie_strength_mean: float | None
    segments: FrozenMap[str, int]

    @classmethod
    def _common(cls, d: Json) -> dict:
        return dict(
            status=d["status"], confidence=d["confidence"], members=d["members"],
            quality_members=d["quality_members"], quality_share=d["quality_share"],
            followers=d["followers"], quality_per_1k_followers=d["quality_per_1k_followers"],
            tie_strength_mean=d["tie_strength_mean"], segments=_map(d["segments"]),
        )  # fmt: skip

    @classmethod
    def from_json(cls, d: Json) -> ChannelAudience:
        return cls(**cls._common(d))

    def to_json(self) -> Json:
        out = {f.name: getattr(self, f.name) for f in fields(ChannelAudience)}
        out["segments"] = dict(self.segments)
        return out


@dataclass(frozen=True, slots=True)
class StrongMember:
    """An audience member with one of the strongest ties to the brand."""

    account_id: str
    handle: str | None
    platforms: tuple[str, ...]
    segment: str
    tie_strength: float
    messages: int
    answered: int

    @classmethod
    def from_json(cls, d: Json) -> StrongMember:
        return cls(
            account_id=d["account_id"], handle=d["handle"], platforms=tuple(d["platforms"]),
            segment=d["segment"], tie_strength=d["tie_strength"], messages=d["messages"],
            answered=d["answered"],
        )  # fmt: skip

    def to_json(self) -> Json:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["platforms"] = list(self.platforms)
        return out


@dataclass(frozen=True, slots=True)
class Recommender:
    """Someone who recommended the brand, with an example."""

    account_id: str
    handle: str | None
    platform: str
    followers: float | None
    member: bool
    segment: str | None
    messages: int
    message_ids: tuple[str, ...]
    example_text: str

    @classmethod
    def from_json(cls, d: Json) -> Recommender:
        return cls(
            account_id=d["account_id"], handle=d["handle"], platform=d["platform"],
            followers=d["followers"], member=d["member"], segment=d["segment"],
            messages=d["messages"], message_ids=tuple(d["message_ids"]),
            example_text=d["example_text"],
        )  # fmt: skip

    def to_json(self) -> Json:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["message_ids"] = list(self.message_ids)
        return out


@dataclass(frozen=True, slots=True)
class AudienceSummary(ChannelAudience):
    """A brand's whole audience: the channel summary plus its strongest members and who
    recommends it."""

    strongest: tuple[StrongMember, ...] = ()
    recommenders: tuple[Recommender, ...] = ()
    recommenders_total: int = 0
    recommenders_reach: float | None = None

    @classmethod
    def from_json(cls, d: Json) -> AudienceSummary:
        return cls(
            **cls._common(d),
            strongest=tuple(StrongMember.from_json(m) for m in d["strongest"]),
            recommenders=tuple(Recommender.from_json(m) for m in d["recommenders"]),
            recommenders_total=d["recommenders_total"],
            recommenders_reach=d["recommenders_reach"],
        )

    def to_json(self) -> Json:
        out = ChannelAudience.to_json(self)
        out.update(
            strongest=[m.to_json() for m in self.strongest],
            recommenders=[m.to_json() for m in self.recommenders],
            recommenders_total=self.recommenders_total,
            recommenders_reach=self.recommenders_reach,
        )
        return out


# -- brand sections ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    platform: str
    handle: str | None
    display_name: str | None
    followers: int | None

    @classmethod
    def from_json(cls, d: Json) -> Account:
        return cls(**{f.name: d[f.name] for f in fields(cls)})

    def to_json(self) -> Json:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class ChannelResult(_Scored):
    """A brand on one platform."""

    platform: str
    metrics: Metrics
    elements: FrozenMap[str, ElementScore]
    health: HealthScore
    audience: ChannelAudience

    @classmethod
    def from_json(cls, d: Json) -> ChannelResult:
        return cls(
            platform=d["platform"], metrics=Metrics.from_json(d["metrics"]),
            elements=_elements(d["elements"]), health=HealthScore.from_json("health", d["health"]),
            audience=ChannelAudience.from_json(d["audience"]),
        )  # fmt: skip

    def to_json(self) -> Json:
        return {
            "platform": self.platform,
            "metrics": self.metrics.to_json(),
            "elements": {k: e.to_json() for k, e in self.elements.items()},
            "health": self.health.to_json(),
            "audience": self.audience.to_json(),
        }


@dataclass(frozen=True, slots=True)
class PeriodResult(_Scored):
    """A brand in one week or month (``period`` is ``week`` or ``month``; ``start`` its first
    day, ISO)."""

    period: str
    start: str
    metrics: Metrics
    elements: FrozenMap[str, ElementScore]
    health: HealthScore

    @classmethod
    def from_json(cls, d: Json) -> PeriodResult:
        return cls(
            period=d["period"], start=d["start"], metrics=Metrics.from_json(d["metrics"]),
            elements=_elements(d["elements"]), health=HealthScore.from_json("health", d["health"]),
        )  # fmt: skip

    def to_json(self) -> Json:
        return {
            "period": self.period,
            "start": self.start,
            "metrics": self.metrics.to_json(),
            "elements": {k: e.to_json() for k, e in self.elements.items()},
            "health": self.health.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """A message flagged as a pitch without listening (self-promotion, low relevance)."""

    kind: str
    message_id: str
    message_kind: str
    parent_id: str | None
    author: str
    author_id: str
    platform: str
    created_at: str | None
    text: str
    permalink: str | None
    reason: str
    promotion: float
    relevance: float | None

    @classmethod
    def from_json(cls, d: Json) -> Flag:
        return cls(**{f.name: d[f.name] for f in fields(cls)})

    def to_json(self) -> Json:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Numbers:
    """A finding's numbers; ``target`` (findings only, not going-well) omitted when None."""

    value: float | None
    score: float | None
    n: int
    target: float | None = None

    def chips(self) -> tuple[str, ...]:
        """Short labels: ``score 4``, ``target 80``, ``n = 1,735``."""
        out = []
        if self.score is not None:
            out.append(f"score {self.score:.0f}")
        if self.target is not None:
            out.append(f"target {self.target:.0f}")
        out.append(f"n = {self.n:,}")
        return tuple(out)

    @classmethod
    def from_json(cls, d: Json) -> Numbers:
        return cls(value=d["value"], score=d["score"], n=d["n"], target=d.get("target"))

    def to_json(self) -> Json:
        out: Json = {"value": self.value, "score": self.score, "n": self.n}
        _put(out, "target", self.target)
        return out


@dataclass(frozen=True, slots=True)
class Prescription:
    principle: str
    text: str

    @classmethod
    def from_json(cls, d: Json) -> Prescription:
        return cls(principle=d["principle"], text=d["text"])

    def to_json(self) -> Json:
        return {"principle": self.principle, "text": self.text}


@dataclass(frozen=True, slots=True)
class GoingWell:
    """Something the brand does well (an element's component at or above its target)."""

    id: str
    element: str
    title: str
    detail: str
    numbers: Numbers
    evidence: tuple[EvidenceItem, ...]

    def _json(self) -> Json:
        return {
            "id": self.id,
            "element": self.element,
            "title": self.title,
            "detail": self.detail,
            "numbers": self.numbers.to_json(),
            "evidence": [e.to_json() for e in self.evidence],
        }

    @classmethod
    def from_json(cls, d: Json) -> GoingWell:
        return cls(
            id=d["id"], element=d["element"], title=d["title"], detail=d["detail"],
            numbers=Numbers.from_json(d["numbers"]),
            evidence=tuple(EvidenceItem.from_json(e) for e in d["evidence"]),
        )  # fmt: skip

    def to_json(self) -> Json:
        return self._json()


@dataclass(frozen=True, slots=True)
class Finding:
    """What hurts the relationship most, with its numbers, evidence and a prescription."""

    id: str
    element: str
    component: str
    title: str
    detail: str
    severity: float
    numbers: Numbers
    prescription: Prescription
    evidence: tuple[EvidenceItem, ...]

    @classmethod
    def from_json(cls, d: Json) -> Finding:
        return cls(
            id=d["id"], element=d["element"], component=d["component"], title=d["title"],
            detail=d["detail"], severity=d["severity"], numbers=Numbers.from_json(d["numbers"]),
            prescription=Prescription.from_json(d["prescription"]),
            evidence=tuple(EvidenceItem.from_json(e) for e in d["evidence"]),
        )  # fmt: skip

    def to_json(self) -> Json:
        return {
            "id": self.id,
            "element": self.element,
            "component": self.component,
            "title": self.title,
            "detail": self.detail,
            "severity": self.severity,
            "numbers": self.numbers.to_json(),
            "prescription": self.prescription.to_json(),
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Session:
    """The psychologist's session: an opening summary, findings, what goes well."""

    summary: str
    findings: tuple[Finding, ...]
    going_well: tuple[GoingWell, ...]

    @classmethod
    def from_json(cls, d: Json) -> Session:
        return cls(
            summary=d["summary"],
            findings=tuple(Finding.from_json(f) for f in d["findings"]),
            going_well=tuple(GoingWell.from_json(f) for f in d["going_well"]),
        )

    def to_json(self) -> Json:
        return {
            "summary": self.summary,
            "findings": [f.to_json() for f in self.findings],
            "going_well": [f.to_json() for f in self.going_well],
        }


@dataclass(frozen=True, slots=True)
class ChannelAdvice:
    """Where to invest: ``kind`` is ``neglected`` or ``engaged``."""

    channel: str
    kind: str
    advice: str
    reasons: tuple[str, ...]

    @classmethod
    def from_json(cls, d: Json) -> ChannelAdvice:
        return cls(
            channel=d["channel"], kind=d["kind"], advice=d["advice"], reasons=tuple(d["reasons"])
        )

    def to_json(self) -> Json:
        return {
            "channel": self.channel,
            "kind": self.kind,
            "advice": self.advice,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class BrandResult(_Scored):
    """One brand: its accounts, metrics, the four elements and health, per channel and
    period, flags, the session, its audience and channel advice."""

    name: str
    accounts: tuple[Account, ...]
    metrics: Metrics
    elements: FrozenMap[str, ElementScore]
    health: HealthScore
    channels: tuple[ChannelResult, ...]
    periods: tuple[PeriodResult, ...]
    flags: tuple[Flag, ...]
    session: Session
    audience: AudienceSummary
    channel_advice: tuple[ChannelAdvice, ...]
    #: the care-team section (SLA, volume, topics, agents; docs/output.md "Care team") as
    #: read-only JSON (FrozenMap / tuples); None when the run did not compute it
    care: FrozenMap[str, Any] | None = None
    #: with a comparison (``analyse(compare=...)``): the previous period's health, element
    #: scores and KPIs, and the change (this period minus that; docs/wip/periods.md), as
    #: read-only JSON; None without a comparison
    previous: FrozenMap[str, Any] | None = None
    change: FrozenMap[str, Any] | None = None

    def delta(self, key: str):
        """The change of a score (``health``, an element) or a KPI; None without one."""
        if self.change is None:
            return None
        if key == "health":
            return self.change.get("health")
        if key in (self.change.get("elements") or {}):
            return self.change["elements"][key]
        return (self.change.get("kpis") or {}).get(key)

    def channel(self, platform: str) -> ChannelResult | None:
        return next((c for c in self.channels if c.platform == platform), None)

    def period(self, kind: str, start: str) -> PeriodResult | None:
        return next((p for p in self.periods if p.period == kind and p.start == start), None)

    def periods_of(self, kind: str) -> tuple[PeriodResult, ...]:
        """The brand's weeks or months, oldest first."""
        return tuple(sorted((p for p in self.periods if p.period == kind), key=lambda p: p.start))

    @property
    def period_kinds(self) -> tuple[str, ...]:
        kinds = {p.period for p in self.periods}
        return tuple(k for k in ("week", "month") if k in kinds)

    @classmethod
    def from_json(cls, d: Json) -> BrandResult:
        return cls(
            name=d["name"],
            accounts=tuple(Account.from_json(a) for a in d["accounts"]),
            metrics=Metrics.from_json(d["metrics"]),
            elements=_elements(d["elements"]),
            health=HealthScore.from_json("health", d["health"]),
            channels=tuple(ChannelResult.from_json(c) for c in d["channels"]),
            periods=tuple(PeriodResult.from_json(p) for p in d["periods"]),
            flags=tuple(Flag.from_json(f) for f in d["flags"]),
            session=Session.from_json(d["session"]),
            audience=AudienceSummary.from_json(d["audience"]),
            channel_advice=tuple(ChannelAdvice.from_json(a) for a in d["channel_advice"]),
            care=None if d.get("care") is None else _deep_frozen(d["care"]),
            previous=None if d.get("previous") is None else _deep_frozen(d["previous"]),
            change=None if d.get("change") is None else _deep_frozen(d["change"]),
        )

    def to_json(self) -> Json:
        out = {
            "name": self.name,
            "accounts": [a.to_json() for a in self.accounts],
            "metrics": self.metrics.to_json(),
            "elements": {k: e.to_json() for k, e in self.elements.items()},
            "health": self.health.to_json(),
            "channels": [c.to_json() for c in self.channels],
            "periods": [p.to_json() for p in self.periods],
            "flags": [f.to_json() for f in self.flags],
            "session": self.session.to_json(),
            "audience": self.audience.to_json(),
            "channel_advice": [a.to_json() for a in self.channel_advice],
        }
        _put(out, "care", None if self.care is None else _deep_json(self.care))
        _put(out, "previous", None if self.previous is None else _deep_json(self.previous))
        _put(out, "change", None if self.change is None else _deep_json(self.change))
        return out


# -- top level -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """What the store held; ``path`` omitted when None."""

    messages: int
    accounts: int
    brands: int
    imports: int
    path: str | None = None

    @classmethod
    def from_json(cls, d: Json) -> StoreInfo:
        return cls(
            messages=d["messages"], accounts=d["accounts"], brands=d["brands"],
            imports=d["imports"], path=d.get("path"),
        )  # fmt: skip

    def to_json(self) -> Json:
        out: Json = {}
        _put(out, "path", self.path)
        out.update(
            messages=self.messages, accounts=self.accounts, brands=self.brands,
            imports=self.imports,
        )  # fmt: skip
        return out


@dataclass(frozen=True, slots=True)
class Window:
    """An analysed period: ``since`` and ``until`` (ISO dates, both inclusive) in
    ``timezone`` (the comparison's is the window's, and not written)."""

    since: str
    until: str
    timezone: str | None = None

    @property
    def days(self) -> int:
        from datetime import date

        return (date.fromisoformat(self.until) - date.fromisoformat(self.since)).days + 1

    @classmethod
    def from_json(cls, d: Json | None) -> Window | None:
        if d is None:
            return None
        return cls(since=d["since"], until=d["until"], timezone=d.get("timezone"))

    def to_json(self) -> Json:
        out: Json = {"since": self.since, "until": self.until}
        _put(out, "timezone", self.timezone)
        return out


@dataclass(frozen=True, slots=True)
class ImportInfo:
    """One recorded import; ``imported_at`` omitted when None."""

    id: int
    file: str
    format: str
    importer_version: str | None
    records_read: int
    imported: int
    duplicates: int
    updated: int
    skipped: int
    imported_at: str | None = None

    @classmethod
    def from_json(cls, d: Json) -> ImportInfo:
        return cls(
            **{f.name: d[f.name] for f in fields(cls) if f.name != "imported_at"},
            imported_at=d.get("imported_at"),
        )

    def to_json(self) -> Json:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "imported_at"}
        _put(out, "imported_at", self.imported_at)
        return out


@dataclass(frozen=True, slots=True)
class ThreadMessage:
    """A message of a conversation excerpt behind an evidence message (the HTML report)."""

    id: str
    root_id: str | None
    parent_id: str | None
    platform: str
    kind: str
    author: str
    author_id: str
    handle: str | None
    display_name: str | None
    followers: int | None
    brand: str | None
    is_brand: bool
    created_at: str | None
    text: str
    title: str | None
    permalink: str | None
    likes: int | None
    reposts: int | None
    quotes: int | None
    deleted: bool
    depth: int
    focus: bool
    gap_before: bool
    signals: FrozenMap[str, float | None]

    @classmethod
    def from_json(cls, d: Json) -> ThreadMessage:
        kw = {f.name: d[f.name] for f in fields(cls) if f.name != "signals"}
        return cls(**kw, signals=_map(d["signals"]))

    def to_json(self) -> Json:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["signals"] = dict(self.signals)
        return out


@dataclass(frozen=True, slots=True)
class DirectoryChannel:
    platform: str
    questions: int
    answered: int
    answers_questions_rate: float | None
    median_minutes: float | None
    sentence: str

    @classmethod
    def from_json(cls, d: Json) -> DirectoryChannel:
        return cls(**{f.name: d[f.name] for f in fields(cls)})

    def to_json(self) -> Json:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """The consumer directory: does this brand answer people, where, how fast."""

    brand: str
    basis: str
    questions: int
    answered: int
    answers_questions_rate: float | None
    median_minutes: float | None
    best_channel: str | None
    summary: str
    channels: tuple[DirectoryChannel, ...]

    @classmethod
    def from_json(cls, d: Json) -> DirectoryEntry:
        kw = {f.name: d[f.name] for f in fields(cls) if f.name != "channels"}
        return cls(**kw, channels=tuple(DirectoryChannel.from_json(c) for c in d["channels"]))

    def to_json(self) -> Json:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["channels"] = [c.to_json() for c in self.channels]
        return out


@dataclass(frozen=True, slots=True)
class BenchmarkMetric:
    """A benchmark column: ``better`` is ``higher`` or ``lower``."""

    key: str
    better: str

    @property
    def label(self) -> str:
        return LABELS.get(self.key, self.key.replace("_", " "))

    @classmethod
    def from_json(cls, d: Json) -> BenchmarkMetric:
        return cls(key=d["key"], better=d["better"])

    def to_json(self) -> Json:
        return {"key": self.key, "better": self.better}


@dataclass(frozen=True, slots=True)
class BenchmarkRow:
    """A brand in the benchmark: values by metric key, and (ranked brands) ranks and
    percentiles; ``note`` says why a brand is not ranked."""

    brand: str
    ranked: bool
    league_rank: int | None
    note: str | None
    values: FrozenMap[str, float | None]
    ranks: FrozenMap[str, int | None]
    percentiles: FrozenMap[str, float | None]

    @classmethod
    def from_json(cls, d: Json) -> BenchmarkRow:
        return cls(
            brand=d["brand"], ranked=d["ranked"], league_rank=d["league_rank"], note=d["note"],
            values=_map(d["values"]), ranks=_map(d["ranks"]), percentiles=_map(d["percentiles"]),
        )  # fmt: skip

    def to_json(self) -> Json:
        return {
            "brand": self.brand,
            "ranked": self.ranked,
            "league_rank": self.league_rank,
            "note": self.note,
            "values": dict(self.values),
            "ranks": dict(self.ranks),
            "percentiles": dict(self.percentiles),
        }


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Brands side by side (``brandcouch compare``): brands with at least ``min_inbound``
    inbound messages are ranked, in ``league_order``."""

    min_inbound: int
    listed: int
    ranked: int
    league_order: tuple[str, ...]
    metrics: tuple[BenchmarkMetric, ...]
    brands: tuple[BenchmarkRow, ...]

    @classmethod
    def from_json(cls, d: Json) -> Benchmark:
        return cls(
            min_inbound=d["min_inbound"], listed=d["listed"], ranked=d["ranked"],
            league_order=tuple(d["league_order"]),
            metrics=tuple(BenchmarkMetric.from_json(m) for m in d["metrics"]),
            brands=tuple(BenchmarkRow.from_json(r) for r in d["brands"]),
        )  # fmt: skip

    def to_json(self) -> Json:
        return {
            "min_inbound": self.min_inbound,
            "listed": self.listed,
            "ranked": self.ranked,
            "league_order": list(self.league_order),
            "metrics": [m.to_json() for m in self.metrics],
            "brands": [r.to_json() for r in self.brands],
        }


def _threads(d: Mapping | None) -> FrozenMap[str, tuple[ThreadMessage, ...]] | None:
    if d is None:
        return None
    return _map(d, lambda _k, msgs: tuple(ThreadMessage.from_json(m) for m in msgs))


@dataclass(frozen=True, slots=True)
class Analysis:
    """The whole analysis result (docs/output.md, docs/output.schema.json).

    ``generated_at`` and ``evidence_threads`` (conversation excerpts, written for the HTML
    report) are omitted when None."""

    schema: str
    schema_version: int
    brandcouch_version: str
    store: StoreInfo
    imports: tuple[ImportInfo, ...]
    brands: tuple[BrandResult, ...]
    benchmark: Benchmark
    directory: tuple[DirectoryEntry, ...]
    generated_at: str | None = None
    evidence_threads: FrozenMap[str, tuple[ThreadMessage, ...]] | None = None
    #: the analysed period (None: every message) and the period compared with (None: none)
    window: Window | None = None
    comparison: Window | None = None

    # -- reading and writing -------------------------------------------------------------

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Analysis:
        """The typed result of a JSON result (a dict as ``api.analyse`` returns it, or
        ``json.load`` of a JSON report). A missing required key raises ``KeyError``."""
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a brandcouch analysis result (schema {d.get('schema')!r})")
        return cls(
            schema=d["schema"],
            schema_version=d["schema_version"],
            brandcouch_version=d["brandcouch_version"],
            generated_at=d.get("generated_at"),
            store=StoreInfo.from_json(d["store"]),
            imports=tuple(ImportInfo.from_json(i) for i in d["imports"]),
            brands=tuple(BrandResult.from_json(b) for b in d["brands"]),
            benchmark=Benchmark.from_json(d["benchmark"]),
            directory=tuple(DirectoryEntry.from_json(e) for e in d["directory"]),
            evidence_threads=_threads(d.get("evidence_threads")),
            window=Window.from_json(d.get("window")),
            comparison=Window.from_json(d.get("comparison")),
        )

    @classmethod
    def coerce(cls, x: Analysis | Mapping[str, Any]) -> Analysis:
        """``x`` itself when it is an :class:`Analysis`, else :meth:`from_json` of it."""
        return x if isinstance(x, Analysis) else cls.from_json(x)

    def to_json(self) -> Json:
        """The JSON result: plain dicts, lists and scalars (``json.dumps`` writes it)."""
        out: Json = {
            "schema": self.schema,
            "schema_version": self.schema_version,
            "brandcouch_version": self.brandcouch_version,
        }
        _put(out, "generated_at", self.generated_at)
        out["store"] = self.store.to_json()
        if self.window is not None:
            out["window"] = self.window.to_json()
        if self.comparison is not None:
            out["comparison"] = self.comparison.to_json()
        out.update(
            imports=[i.to_json() for i in self.imports],
            brands=[b.to_json() for b in self.brands],
            benchmark=self.benchmark.to_json(),
            directory=[e.to_json() for e in self.directory],
        )
        if self.evidence_threads is not None:
            out["evidence_threads"] = {
                k: [m.to_json() for m in msgs] for k, msgs in self.evidence_threads.items()
            }
        return out

    # -- lookups -------------------------------------------------------------------------

    def brand(self, name: str) -> BrandResult | None:
        """The brand called ``name`` (None when there is none)."""
        return next((b for b in self.brands if b.name == name), None)

    def brand_names(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.brands)

    @property
    def has_scores(self) -> bool:
        return any(b.has_scores for b in self.brands)

    def thread(self, message_id: str) -> tuple[ThreadMessage, ...]:
        """The conversation excerpt around an evidence message (empty when not written)."""
        return (self.evidence_threads or FrozenMap()).get(message_id, ())

    # -- data frames (pandas, imported here only) ---------------------------------------

    def brands_frame(self):
        """One row per brand: metrics, health and the four elements' scores and statuses."""
        rows = []
        for b in self.brands:
            row: dict[str, Any] = {"brand": b.name, **b.metrics.to_json()}
            row["answered"] = b.metrics.replied
            row["health"] = b.health.score
            row["health_status"] = b.health.status
            for k in ELEMENTS:
                el = b.elements.get(k)
                row[k] = el.score if el else None
                row[f"{k}_status"] = el.status if el else None
            rows.append(row)
        cols = ["brand", "inbound", "answered", "reply_rate_all", "first_response_minutes_median",
                "first_response_minutes_mean", "health", "health_status",
                *(c for k in ELEMENTS for c in (k, f"{k}_status"))]  # fmt: skip
        return _frame(rows, cols)

    def channels_frame(self):
        """One row per brand and channel: metrics and scores."""
        rows = [
            {"brand": b.name, "channel": c.platform, **_scored_row(c)}
            for b in self.brands
            for c in b.channels
        ]
        return _frame(rows, ["brand", "channel", *_SCORED_COLUMNS])

    def periods_frame(self):
        """One row per brand and week or month: metrics and scores (``start`` a date)."""
        rows = [
            {"brand": b.name, "period": p.period, "start": p.start, **_scored_row(p)}
            for b in self.brands
            for p in b.periods
        ]
        df = _frame(rows, ["brand", "period", "start", *_SCORED_COLUMNS])
        import pandas as pd

        df["start"] = pd.to_datetime(df["start"])
        return df

    def findings_frame(self):
        """One row per session finding, in each brand's order of severity."""
        rows = [
            {"brand": b.name, "rank": i, "id": f.id, "element": f.element,
             "component": f.component, "title": f.title, "severity": f.severity,
             "value": f.numbers.value, "score": f.numbers.score, "target": f.numbers.target,
             "n": f.numbers.n, "principle": f.prescription.principle,
             "prescription": f.prescription.text, "evidence": len(f.evidence)}
            for b in self.brands
            for i, f in enumerate(b.session.findings, 1)
        ]  # fmt: skip
        cols = ["brand", "rank", "id", "element", "component", "title", "severity", "value",
                "score", "target", "n", "principle", "prescription", "evidence"]  # fmt: skip
        return _frame(rows, cols)

    def flags_frame(self):
        """One row per pitch-without-listening flag."""
        rows = [{"brand": b.name, **f.to_json()} for b in self.brands for f in b.flags]
        return _frame(rows, ["brand", *(f.name for f in fields(Flag))])

    def audience_frame(self):
        """One row per brand and audience member of note: its strongest members
        (``role`` ``strongest``) and its recommenders (``role`` ``recommender``)."""
        rows = []
        for b in self.brands:
            for m in b.audience.strongest:
                rows.append(
                    {"brand": b.name, "role": "strongest", "account_id": m.account_id,
                     "handle": m.handle, "platforms": ", ".join(m.platforms),
                     "segment": m.segment, "tie_strength": m.tie_strength,
                     "messages": m.messages, "answered": m.answered, "followers": None,
                     "example_text": None}
                )  # fmt: skip
            for r in b.audience.recommenders:
                rows.append(
                    {"brand": b.name, "role": "recommender", "account_id": r.account_id,
                     "handle": r.handle, "platforms": r.platform, "segment": r.segment,
                     "tie_strength": None, "messages": r.messages, "answered": None,
                     "followers": r.followers, "example_text": r.example_text}
                )  # fmt: skip
        cols = ["brand", "role", "account_id", "handle", "platforms", "segment", "tie_strength",
                "messages", "answered", "followers", "example_text"]  # fmt: skip
        return _frame(rows, cols)


_SCORED_COLUMNS: tuple[str, ...] = (
    *METRIC_FIELDS,
    "health",
    "health_status",
    *(c for k in ELEMENTS for c in (k, f"{k}_status")),
)


def _scored_row(h: _Scored) -> dict:
    row: dict[str, Any] = dict(h.metrics.to_json())
    row["health"] = h.health.score
    row["health_status"] = h.health.status
    for k in ELEMENTS:
        el = h.elements.get(k)
        row[k] = el.score if el else None
        row[f"{k}_status"] = el.status if el else None
    return row


def _frame(rows: list[dict], columns):
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


#: fields whose JSON key differs from their name: None (not written: the key they sit under),
#: another key, or (``extra``) the keys it may hold. Every other field is written as named.
JSON_KEYS: dict[tuple[type, str], str | tuple[str, ...] | None] = {
    (Component, "name"): None,
    (Component, "follower_bands"): "bands",
    (Component, "extra"): COMPONENT_EXTRAS,
    (ElementScore, "key"): None,
    (HealthScore, "key"): None,
    (HealthScore, "health_formula"): "formula",
}

#: the response bands in order, for readers: (key, label)
BAND_ORDER: tuple[tuple[str, str], ...] = tuple((k, label) for k, label, _ in RESPONSE_BANDS)
