"""The data model: frozen dataclasses with stable ids, no I/O.

An id is ``platform:native_id`` so re-importing the same record always yields the same row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

__all__ = [
    "Account",
    "Batch",
    "Brand",
    "BrandHint",
    "Kind",
    "Message",
    "PLATFORMS",
    "make_id",
]

#: Channels brandcouch knows by name (others are accepted as given).
PLATFORMS = (
    "twitter",
    "mastodon",
    "bluesky",
    "reddit",
    "youtube",
    "blog",
    "disqus",
    "hackernews",
    "facebook",
    "instagram",
    "generic",
)


class Kind(StrEnum):
    """What a message is in its conversation."""

    POST = "post"  # a top-level post by its author (a tweet, a blog post, a video)
    REPLY = "reply"  # an answer to another message
    COMMENT = "comment"  # a comment under a post (blog, YouTube, Reddit, Facebook)
    MENTION = "mention"  # a top-level message that addresses another account
    REPOST = "repost"  # a retweet / boost / share without own text
    QUOTE = "quote"  # a repost with own text


def make_id(platform: str, native_id: str | int) -> str:
    """The stable id of an account or message: ``platform:native_id`` (ids stay strings)."""
    return f"{platform}:{native_id}"


@dataclass(frozen=True, slots=True)
class Account:
    platform: str
    native_id: str
    handle: str | None = None
    display_name: str | None = None
    followers: int | None = None
    bio: str | None = None
    created_at: datetime | None = None

    @property
    def id(self) -> str:
        return make_id(self.platform, self.native_id)


@dataclass(frozen=True, slots=True)
class Message:
    """One message. Times are timezone-aware UTC or None; ids are native, as strings."""

    platform: str
    native_id: str
    author_native_id: str
    text: str
    kind: Kind
    created_at: datetime | None = None
    parent_native_id: str | None = None
    root_native_id: str | None = None
    #: native id of the account this message addresses (the parent's author, a mention)
    to_native_id: str | None = None
    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    views: int | None = None
    permalink: str | None = None
    title: str | None = None
    deleted: bool = False
    edited_at: datetime | None = None
    #: every account the text names (``@handle``), handles without the "@", in text order;
    #: the store keeps them lower-cased in ``message_mentions``
    mentions: tuple[str, ...] = ()
    #: how many posts quote this one (a repost with own text), where the source counts them;
    #: None = unknown (the source has no such count), never 0 for unknown
    quotes: int | None = None

    @property
    def id(self) -> str:
        return make_id(self.platform, self.native_id)

    @property
    def author_id(self) -> str:
        return make_id(self.platform, self.author_native_id)


@dataclass(frozen=True, slots=True)
class Brand:
    """A named organisation owning accounts (ids ``platform:native_id``) across platforms."""

    name: str
    account_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class BrandHint:
    """An importer's statement that an account belongs to a brand (TWCS, WXR blog owner)."""

    brand: str
    platform: str
    native_id: str

    @property
    def account_id(self) -> str:
        return make_id(self.platform, self.native_id)


@dataclass(frozen=True)
class Batch:
    """Many rows at once, for vectorised importers of large files: Arrow tables in the store
    writer's staging shapes (``brandcouch.store.writer.MESSAGE_SCHEMA`` / ``ACCOUNT_SCHEMA`` /
    ``MENTION_SCHEMA``: one row per (message id, platform, mentioned handle))."""

    messages: object | None = None  # a pyarrow.Table
    accounts: object | None = None  # a pyarrow.Table
    mentions: object | None = None  # a pyarrow.Table
