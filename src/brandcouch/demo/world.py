"""The demo corpus's shared world: ids, people, accounts, messages and template filling.

Times are seconds from :data:`START` internally; :meth:`_World.items` turns them into
timezone-aware UTC datetimes and yields Accounts, BrandHints and then Messages by time.
"""

from __future__ import annotations

import math
import random
import string
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from brandcouch.demo import phrases as P
from brandcouch.model import Account, BrandHint, Kind, Message

START = datetime(2026, 6, 1, tzinfo=UTC)
END = datetime(2026, 10, 1, tzinfo=UTC)
SPAN = int((END - START).total_seconds())
DAYS = SPAN // 86400
MICRO = ("twitter", "mastodon", "bluesky")
THREADED = ("blog", "youtube", "reddit")
PREFIX = {
    "twitter": "t",
    "mastodon": "m",
    "bluesky": "b",
    "youtube": "y",
    "blog": "w",
    "reddit": "r",
}
PERMALINK = "https://demo.brandcouch.example/{platform}/{nid}"
DYNAMIC = {"order": (4400, 98000), "acct": (1000, 9999), "amount": (40, 180), "minutes": (35, 95)}
_FIELDS: dict[str, tuple[str, ...]] = {}


def _fields(template: str) -> tuple[str, ...]:
    got = _FIELDS.get(template)
    if got is None:
        got = tuple(f for _, f, _, _ in string.Formatter().parse(template) if f)
        _FIELDS[template] = got
    return got


class _Msg:
    __slots__ = ("seq", "t", "platform", "nid", "author", "text", "kind", "parent", "root",
                 "to", "title", "likes", "reposts", "views", "deleted", "children", "cat")  # fmt: skip

    def __init__(self, seq, t, platform, nid, author, text, kind, parent, root, to, title):
        self.seq, self.t, self.platform, self.nid, self.author = seq, t, platform, nid, author
        self.text, self.kind, self.parent, self.root, self.to = text, kind, parent, root, to
        self.title, self.likes, self.reposts, self.views = title, None, None, None
        self.deleted, self.children, self.cat = False, 0, None


class _Person:
    __slots__ = ("handle", "display", "first", "followers", "bio", "platforms", "accounts",
                 "created")  # fmt: skip

    def __init__(self, handle, display, first, followers, bio, platforms, created):
        self.handle, self.display, self.first, self.followers = handle, display, first, followers
        self.bio, self.platforms, self.created = bio, platforms, created
        self.accounts: dict[str, str] = {}


class _World:
    def __init__(self, seed: int, scale: float):
        self.rng = random.Random(seed)
        self.scale = scale
        self.accounts: list[Account] = []
        self.hints: list[BrandHint] = []
        self.msgs: list[_Msg] = []
        self.by_id: dict[tuple[str, str], _Msg] = {}
        self.handles: set[str] = set()  # membership only, never iterated
        self.next_msg = dict.fromkeys(PREFIX, 1_000_000)
        self.next_acct = dict.fromkeys(PREFIX, 100_000)
        self.recurring: list[_Person] = []

    # -- people and accounts ------------------------------------------------------------
    def person(self, platforms: list[str], kind: str = "human") -> _Person:
        rng = self.rng
        first, last = rng.choice(P.FIRST_NAMES), rng.choice(P.LAST_NAMES)
        fl, ll = first.lower(), last.lower()
        style = rng.randrange(5)
        handle = (f"{fl}{ll}", f"{fl}_{ll[0]}", f"{fl}{rng.randint(1, 99)}",
                  f"{fl}{rng.choice(P.HANDLE_WORDS)}", f"{ll}_{fl[0]}")[style]  # fmt: skip
        while handle in self.handles:
            handle = f"{handle}{rng.randint(0, 9)}"
        self.handles.add(handle)
        display = f"{first} {last}" if rng.random() < 0.75 else first
        if rng.random() < 0.02:
            followers = int(rng.lognormvariate(math.log(45_000), 0.8))
        else:
            followers = int(rng.lognormvariate(math.log(160), 1.3))
        bio = rng.choice(P.BIOS) if rng.random() < 0.45 else None
        if kind == "spammer":
            display, bio = f"{first} 💰", rng.choice(P.SPAMMER_BIOS)
        elif kind == "bot":
            display, bio, followers = f"DealBot {last}", rng.choice(P.BOT_BIOS), rng.randint(3, 90)
        created = START - timedelta(days=rng.randint(60, 5000)) if rng.random() < 0.6 else None
        return _Person(handle, display, first, followers, bio, list(platforms), created)

    def account(self, person: _Person, platform: str) -> str:
        nid = person.accounts.get(platform)
        if nid is None:
            self.next_acct[platform] += self.rng.randint(1, 40)
            nid = f"{PREFIX[platform]}u{self.next_acct[platform]}"
            person.accounts[platform] = nid
            followers = max(0, int(person.followers * self.rng.uniform(0.5, 1.5)))
            self.accounts.append(
                Account(
                    platform,
                    nid,
                    person.handle,
                    person.display,
                    followers,
                    person.bio,
                    person.created,
                )  # fmt: skip
            )
        return nid

    # -- messages -----------------------------------------------------------------------
    def add(self, t, platform, author, text, kind, parent=None, root=None, to=None, title=None):
        self.next_msg[platform] += self.rng.randint(1, 9)
        nid = f"{PREFIX[platform]}{self.next_msg[platform]}"
        m = _Msg(len(self.msgs), t, platform, nid, author, text, kind, parent, root, to, title)
        if platform != "blog":
            m.likes = max(0, int(self.rng.lognormvariate(0.0, 1.2)) - 1)
        self.msgs.append(m)
        self.by_id[(platform, nid)] = m
        if parent is not None:
            self.by_id[(platform, parent)].children += 1
        return m

    def fill(self, template: str, ctx: dict, slots: dict) -> str:
        rng = self.rng
        for f in _fields(template):
            if f in ctx:
                continue
            if f in DYNAMIC:
                ctx[f] = str(rng.randint(*DYNAMIC[f]))
            elif f == "friend":
                friend = ctx["_friend_pick"]()
                ctx["friend"], ctx["_friend_nid"] = (
                    friend.handle,
                    self.account(friend, ctx["_plat"]),
                )
            else:
                ctx[f] = rng.choice(slots[f] if f in slots else P.COMMON_SLOTS[f])
        return template.format_map(ctx)

    def items(self) -> Iterator[Account | BrandHint | Message]:
        yield from self.accounts
        yield from self.hints
        for m in sorted(self.msgs, key=lambda m: (m.t, m.seq)):
            yield Message(
                platform=m.platform,
                native_id=m.nid,
                author_native_id=m.author,
                text=m.text,
                kind=m.kind,
                created_at=START + timedelta(seconds=m.t),
                parent_native_id=m.parent,
                root_native_id=m.root,
                to_native_id=m.to,
                likes=m.likes,
                reposts=m.reposts,
                replies=None if m.platform == "blog" and m.kind != Kind.POST else m.children,
                views=m.views,
                permalink=PERMALINK.format(platform=m.platform, nid=m.nid),
                title=m.title,
                deleted=m.deleted,
            )
