"""The three demo brands' designed relationship styles: every number of docs/demo.md lives here.

Volumes are at ``scale=1.0`` over the 122-day window; the generator multiplies post, mention and
audience-post counts (and the bots' cadence) by ``scale``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brandcouch.demo import phrases_harbor, phrases_megamart, phrases_nimbus


@dataclass(frozen=True)
class Channel:
    """One brand account's activity on one platform (per 122 days at scale 1.0)."""

    posts: int
    comments_per_post: float  # mean audience comments/replies under each brand post
    mentions_per_day: float = 0.0  # "@brand ..." top-level messages (microblogs only)
    audience_posts_per_day: float = 0.0  # posts about the brand that don't address it
    recommends_per_day: float = 0.0  # "@friend you have to try ..." mentions
    followers: int = 1000
    reposts_per_post: float = 0.0  # mean repost messages under each post (microblogs)
    quotes_per_post: float = 0.0


@dataclass(frozen=True)
class Style:
    key: str
    name: str
    handle: str
    short: str
    bio: str
    channels: dict[str, Channel]
    texts: dict
    sale_share: float  # share of brand posts that are sales pitches
    comment_mix: dict[str, float]  # category weights of comments under brand posts
    mention_mix: dict[str, float]  # category weights of "@brand" mentions
    answer: dict[str, float]  # P(brand replies) per inbound category
    delay_median_min: float  # brand response delay: log-normal median (minutes) ...
    delay_sigma: float  # ... and sigma
    office_hours: bool  # replies only Mon-Fri 13:00-21:00 UTC (the US working day)
    reaction: dict[str, dict[str, float]]  # after a brand reply to category: P(customer reaction)
    followup: dict[str, float]  # unanswered category: P(customer follows up)
    hide: dict[str, float]  # P(brand hides the audience message: deleted=True)
    checkin: float = 0.0  # P(brand comes back by itself after fixing a complaint)
    canned_share: float = 0.0  # P(a reply is one of texts["canned"])
    specific_share: float = 1.0  # P(use the reply written for that exact message, if any)
    engagement: float = 0.001  # post likes per follower (median)
    regulars: int = 40
    advocates: int = 5
    critics: int = 5
    spammers: int = 2
    bots: int = 0
    bot_every_h: tuple[float, ...] = ()
    oneoff: float = 0.5  # P(an inbound message comes from a new one-off visitor)
    shared: float = 0.0  # share of regulars who also follow an earlier brand
    events: tuple[dict, ...] = field(default_factory=tuple)
    #: agents' sign-offs appended to the brand's replies in turn (a fixed cycle: no random
    #: draw, so the rest of the corpus is unchanged): "-Katie", "*HCA"; empty: unsigned
    signatures: tuple[str, ...] = ()
    #: a decline from ``day`` (days after START) on: the chance of answering each category is
    #: multiplied by ``answer[cat]`` and the reply delay by ``delay`` (a month that gets worse)
    decline: dict | None = None


CANNED_CATS = ("question", "complaint", "followup", "annoyed", "audience_post")

HARBOR = Style(
    key="harbor",
    name="Harbor Coffee",
    handle="harborcoffee",
    short="Harbor",
    bio="Neighbourhood coffee roasters since 2009. Six stores. We read everything ☕",
    channels={
        "twitter": Channel(160, 2.6, 6.0, 0.8, 0.4, 18_400, 0.5, 0.12),
        "mastodon": Channel(110, 1.8, 2.2, 0.4, 0.15, 3_200, 0.4, 0.06),
        "blog": Channel(34, 6.0, followers=2_100),
        "youtube": Channel(26, 13.0, followers=9_600),
    },
    texts=phrases_harbor.TEXTS,
    sale_share=0.12,
    comment_mix={"question": 28, "complaint": 10, "praise": 34, "chatter": 12, "tag_friend": 14, "spam": 2},
    mention_mix={"question": 42, "complaint": 30, "praise": 28},
    answer={
        "question": 0.94, "complaint": 0.96, "praise": 0.86, "chatter": 0.75, "tag_friend": 0.7,
        "thanks": 0.8, "followup": 0.97, "annoyed": 0.97, "audience_post": 0.65,
    },
    delay_median_min=14.0,
    delay_sigma=0.85,
    office_hours=False,
    reaction={
        "complaint": {"thanks": 0.66, "annoyed": 0.06},
        "question": {"thanks": 0.45},
        "praise": {"thanks": 0.1},
        "audience_post": {"thanks": 0.35},
        "followup": {"thanks": 0.6},
        "annoyed": {"thanks": 0.7},
    },
    followup={"question": 0.5, "complaint": 0.7},
    hide={},
    checkin=0.5,
    engagement=0.02,
    regulars=60,
    advocates=20,
    critics=6,
    spammers=2,
    oneoff=0.4,
    signatures=("-Katie", "-Sam", "-Katie", "-Priya", "-Tom", "-Sam", "-Katie"),
    events=(
        {
            "platform": "twitter",
            "day": 37,
            "hour": 10.25,
            "post": "Our mobile ordering app was down this morning between 7 and 9am. If you were "
            "charged without getting your drink, we're so sorry: every affected order is being "
            "refunded automatically today, no need to ask.",
            "complaint": "The app charged me but my order never showed up at {store}??",
            "n": 14,
            "from_hour": 7.0,
            "hours": 2.8,
        },
    ),
)  # fmt: skip

MEGAMART = Style(
    key="megamart",
    name="MegaMart Deals",
    handle="megamartdeals",
    short="MegaMart",
    bio="Big savings every day 🛒 Deals, flash sales and more. Help: megamart.example/help",
    channels={
        "twitter": Channel(380, 4.6, 7.5, 0.5, 0.2, 1_240_000, 0.15, 0.05),
        "youtube": Channel(90, 16.0, followers=410_000),
        "reddit": Channel(120, 7.0, 0.0, 1.0, followers=38_000),
        "bluesky": Channel(300, 2.8, 2.8, 0.3, 0.1, 52_000, 0.1, 0.03),
    },
    texts=phrases_megamart.TEXTS,
    sale_share=0.78,
    comment_mix={"question": 25, "complaint": 15, "praise": 5, "chatter": 22, "tag_friend": 15, "spam": 18},
    mention_mix={"question": 35, "complaint": 50, "praise": 15},
    answer={
        "question": 0.2, "complaint": 0.16, "praise": 0.04, "chatter": 0.01,
        "audience_post": 0.03,
    },
    delay_median_min=16 * 60.0,
    delay_sigma=0.9,
    office_hours=True,
    reaction={"complaint": {"annoyed": 0.35, "thanks": 0.05}, "question": {"thanks": 0.25, "annoyed": 0.1}},
    followup={"question": 0.2, "complaint": 0.35, "followup": 0.15},
    hide={},
    specific_share=0.3,
    engagement=0.0006,
    regulars=40,
    advocates=6,
    critics=20,
    spammers=30,
    bots=3,
    bot_every_h=(6.0, 8.0, 12.0),
    oneoff=0.8,
    shared=0.1,
    signatures=("*HCA", "*DL", "*HCA", "*JT", "*DL", "*HCA"),
)  # fmt: skip

NIMBUS = Style(
    key="nimbus",
    name="Nimbus Telecom",
    handle="nimbustelecom",
    short="Nimbus",
    bio="Fibre, mobile and TV. For help: nimbus.example/help",
    channels={
        "twitter": Channel(120, 3.5, 10.0, 0.9, 0.2, 286_000, 0.05, 0.05),
        "bluesky": Channel(80, 2.5, 4.5, 0.5, 0.1, 21_000, 0.05, 0.03),
        "reddit": Channel(40, 9.0, 0.0, 1.3, followers=14_000),
        "blog": Channel(20, 7.0, followers=5_000),
    },
    texts=phrases_nimbus.TEXTS,
    sale_share=0.4,
    comment_mix={"question": 22, "complaint": 52, "praise": 3, "chatter": 10, "tag_friend": 8, "spam": 5},
    mention_mix={"question": 30, "complaint": 65, "praise": 5},
    answer={
        "question": 0.9, "complaint": 0.93, "praise": 0.3, "chatter": 0.05, "tag_friend": 0.05,
        "thanks": 0.05, "followup": 0.2, "annoyed": 0.15, "audience_post": 0.3,
    },
    delay_median_min=6.0,
    delay_sigma=0.7,
    office_hours=False,
    reaction={
        "complaint": {"annoyed": 0.32, "thanks": 0.08},
        "question": {"annoyed": 0.15, "thanks": 0.08},
        "followup": {"annoyed": 0.4},
        "annoyed": {"annoyed": 0.2},
        "audience_post": {"annoyed": 0.5},
    },
    followup={"question": 0.35, "complaint": 0.45, "annoyed": 0.25, "followup": 0.2},
    hide={"complaint": 0.15, "annoyed": 0.12},
    canned_share=0.84,
    specific_share=0.4,
    engagement=0.001,
    regulars=40,
    advocates=4,
    critics=40,
    spammers=6,
    oneoff=0.55,
    shared=0.15,
    events=(
        {
            "platform": "twitter",
            "day": 72,
            "hour": 6.0,
            "post": None,
            "complaint": "Whole of {area} is down. Again. No internet, no mobile data. What is going on?",
            "n": 90,
            "from_hour": 6.0,
            "hours": 36.0,
        },
    ),
    # September (from day 92) gets worse: a third of the care team is gone; complaints go
    # unanswered twice as often as before and replies take five times as long
    decline={
        "day": 92,
        "answer": {"complaint": 0.55, "question": 0.75, "followup": 0.5, "annoyed": 0.5},
        "delay": 5.0,
    },
)  # fmt: skip

STYLES: tuple[Style, ...] = (HARBOR, MEGAMART, NIMBUS)
