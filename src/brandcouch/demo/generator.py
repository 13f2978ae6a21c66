"""The deterministic demo corpus: three brands with designed relationship styles.

Everything is drawn from one ``random.Random(seed)`` in a fixed order (no global random, no
clock, no ``hash()``), so a seed always yields the same items. Times are seconds from
:data:`START` internally and timezone-aware UTC datetimes on output; a message that would fall
after :data:`END` is not written (nor anything that would answer it), as in a real export.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from datetime import timedelta

from brandcouch.demo import phrases as P
from brandcouch.demo.styles import CANNED_CATS, STYLES, Style
from brandcouch.demo.world import (
    DAYS,
    END,
    MICRO,
    PREFIX,
    SPAN,
    START,
    THREADED,
    _Msg,
    _Person,
    _World,
)
from brandcouch.model import Account, BrandHint, Kind, Message

__all__ = ["END", "START", "generate"]

AGENTS = ("JM", "AK", "RS", "LT", "DW", "PN")
#: Which recurring audience roles write which category (weights); the rest are one-offs.
CAT_ROLES = {
    "complaint": {"critic": 5, "regular": 3, "advocate": 0.3},
    "question": {"regular": 5, "critic": 1, "advocate": 1},
    "praise": {"advocate": 5, "regular": 3},
    "chatter": {"regular": 3, "advocate": 1},
    "tag_friend": {"regular": 2, "advocate": 2},
    "recommend": {"advocate": 5, "regular": 2},
    "spam": {"spammer": 1},
    "audience_post": {"regular": 2, "critic": 2, "advocate": 1},
    "repost": {"advocate": 3, "regular": 2},
    "peer": {"regular": 3, "critic": 1, "advocate": 1},
}


class _Brand:
    """One brand's audience and conversations inside the shared world."""

    def __init__(self, world: _World, st: Style):
        self.w, self.st, self.rng, self.T = world, st, world.rng, st.texts
        self.slots = st.texts["slots"]
        self.signed = 0  # replies signed so far (the signature cycle's position)
        self.nid: dict[str, str] = {}
        rng = self.rng
        for plat, ch in st.channels.items():
            nid = f"{PREFIX[plat]}u{1000 + len(world.hints)}"
            self.nid[plat] = nid
            created = START - timedelta(days=rng.randint(1500, 4500))
            world.accounts.append(
                Account(plat, nid, st.handle, st.name, ch.followers, st.bio, created)
            )
            world.hints.append(BrandHint(st.name, plat, nid))
        self.pools: dict[str, dict[str, tuple[list[_Person], list[float]]]] = {}
        size = min(1.0, max(world.scale, 0.25))
        plats = list(st.channels)
        earlier = list(world.recurring)
        for role, n, kind in (("regular", st.regulars, "human"), ("advocate", st.advocates, "human"),
                              ("critic", st.critics, "human"), ("spammer", st.spammers, "spammer")):  # fmt: skip
            by_plat: dict[str, tuple[list[_Person], list[float]]] = {p: ([], []) for p in plats}
            for _ in range(max(1, round(n * size))):
                if kind == "human" and earlier and rng.random() < st.shared:
                    person = rng.choice(earlier)
                    if not any(p in plats for p in person.platforms):
                        person.platforms.append(rng.choice(plats))
                else:
                    home = [rng.choice(plats)]
                    if rng.random() < 0.3:
                        home.append(rng.choice([p for p in plats if p != home[0]]))
                    person = world.person(home, kind)
                    if kind == "human":
                        world.recurring.append(person)
                weight = rng.paretovariate(1.3)
                for p in person.platforms:
                    if p in by_plat:
                        persons, cum = by_plat[p]
                        persons.append(person)
                        cum.append((cum[-1] if cum else 0.0) + weight)
            self.pools[role] = by_plat

    # -- picking people and texts -------------------------------------------------------
    def pick(self, plat: str, cat: str) -> _Person:
        rng, st = self.rng, self.st
        roles = CAT_ROLES.get(cat, {"regular": 1})
        live = [(r, wt) for r, wt in roles.items() if self.pools[r][plat][0]]
        oneoff = 0.35 if cat == "spam" else st.oneoff
        if not live or rng.random() < oneoff:
            return self.w.person([plat], "spammer" if cat == "spam" else "human")
        role = rng.choices([r for r, _ in live], weights=[wt for _, wt in live])[0]
        persons, cum = self.pools[role][plat]
        return rng.choices(persons, cum_weights=cum)[0]

    def friend(self, plat: str) -> _Person:
        if self.rng.random() < 0.5:
            return self.pick(plat, "peer")
        return self.w.person([plat])

    def ctx(self, person: _Person, plat: str) -> dict:
        return {"name": person.first, "brand_short": self.st.short, "_plat": plat,
                "_friend_pick": lambda: self.friend(plat)}  # fmt: skip

    def audience_text(self, cat: str, ctx: dict) -> str:
        rng, T = self.rng, self.T
        replies = None
        if cat == "chatter":
            tpl = rng.choice(P.CHATTER)
        elif cat == "spam":
            tpl = rng.choice(P.SPAM)
        elif cat == "followup":
            tpl = rng.choice(P.FOLLOWUPS)
        elif cat == "peer":
            tpl = rng.choice(T["peer"])
        else:
            fixed = cat == "thanks" and ctx.get("_cat") == "complaint" and "thanks_fix" in T
            entry = rng.choice(T["thanks_fix" if fixed else cat])
            tpl, replies = entry if isinstance(entry, tuple) else (entry, None)
        if cat in ("question", "complaint", "praise", "audience_post"):
            ctx["_cat"], ctx["_replies"] = cat, replies
        text = self.w.fill(tpl, ctx, self.slots)
        if cat == "complaint" or cat == "annoyed":
            opener, ender, p_open, p_end = P.COMPLAINT_OPENERS, P.COMPLAINT_ENDERS, 0.3, 0.45
        elif cat == "question":
            opener, ender, p_open, p_end = P.QUESTION_OPENERS, P.QUESTION_ENDERS, 0.3, 0.35
        elif cat == "praise":
            opener, ender, p_open, p_end = (), P.PRAISE_ENDERS, 0.0, 0.5
        elif cat == "thanks":
            opener, ender, p_open, p_end = (), P.THANKS_ENDERS, 0.0, 0.4
        else:
            return text
        if opener and rng.random() < p_open:
            first = text.split(" ", 1)[0]
            keep = first == "I" or first.startswith("I'")
            text = rng.choice(opener) + (text if keep else text[0].lower() + text[1:])
        if rng.random() < p_end:
            end = rng.choice(ender)
            if text[-1].isalnum() and end[1:2].isalpha():
                text += "."
            text += end
        r = rng.random()
        if r < 0.12:
            text = text.lower()
        elif r < 0.2 and text.endswith("."):
            text = text[:-1]
        return text

    def reply_text(self, cat: str, ctx: dict) -> str:
        rng, st, T = self.rng, self.st, self.T
        ctx["initials"] = rng.choice(AGENTS)
        canned = T.get("canned")
        if canned and cat in CANNED_CATS and rng.random() < st.canned_share:
            tpl = rng.choices([c for c, _ in canned], weights=[wt for _, wt in canned])[0]
        else:
            specific = ctx.get("_replies") if cat in (ctx.get("_cat"), "followup") else None
            base = ctx.get("_cat", "default") if cat == "followup" else cat
            if specific and rng.random() < st.specific_share:
                tpl = rng.choice(specific)
            else:
                if base == "thanks" and ctx.get("_cat") == "complaint":
                    base = "thanks_fix"
                tpl = rng.choice(T["replies"].get(base) or T["replies"]["default"])
            frame = T.get("reply_frames", {}).get(base)
            if frame:
                tpl = self.compose(frame, tpl, followup=cat == "followup")
            elif cat == "followup" and T.get("followup_prefix"):
                tpl = T["followup_prefix"] + tpl
        return self.sign(self.w.fill(tpl, ctx, self.slots))

    def sign(self, text: str) -> str:
        """The reply with the next agent's sign-off of the style's cycle (no random draw)."""
        sigs = self.st.signatures
        if not sigs:
            return text
        self.signed += 1
        return f"{text} {sigs[self.signed % len(sigs)]}"

    def declined(self, t: int) -> bool:
        """Whether ``t`` falls in the style's decline (a month that gets worse)."""
        d = self.st.decline
        return d is not None and t >= d["day"] * 86400

    def compose(self, frame: dict, body: str, followup: bool = False) -> str:
        """A personal reply: a varied opening, the body, maybe a follow-up line and a closing.

        ``frame`` = ``{"open": (...), "extra": (...), "close": (...), "p_extra": p,
        "p_close": p}``; a missed follow-up opens with one of ``texts["followup_open"]``.
        ``[[a|b|c]]`` in any part is replaced by one of the alternatives (drawn left to right)."""
        rng = self.rng
        opens = self.T["followup_open"] if followup and "followup_open" in self.T else frame["open"]
        parts = [rng.choice(opens), body]
        if frame.get("extra") and rng.random() < frame.get("p_extra", 0.0):
            parts.append(rng.choice(frame["extra"]))
        if frame.get("close") and rng.random() < frame.get("p_close", 0.0):
            parts.append(rng.choice(frame["close"]))
        text = " ".join(p for p in parts if p)
        # inline alternatives: "[[oat|almond|soy]] milk" keeps one of them
        while "[[" in text:
            i = text.index("[[")
            j = text.index("]]", i)
            text = text[:i] + rng.choice(text[i + 2 : j].split("|")) + text[j + 2 :]
        return text

    # -- timing -------------------------------------------------------------------------
    def when(self, day: int, h0: float = 0.0, h1: float = 24.0, mode: float = 16.0) -> int:
        return day * 86400 + int(self.rng.triangular(h0, h1, mode) * 3600)

    def reply_time(self, t_in: int) -> int:
        rng, st = self.rng, self.st
        median = st.delay_median_min * (st.decline["delay"] if self.declined(t_in) else 1.0)
        t = t_in + 30 + int(rng.lognormvariate(math.log(median * 60), st.delay_sigma))
        while st.office_hours:
            day, sec = divmod(t, 86400)
            weekday = (START.weekday() + day) % 7
            if weekday < 5 and 13 * 3600 <= sec < 21 * 3600:
                break
            next_day = day + 1 if sec >= 13 * 3600 or weekday >= 5 else day
            t = next_day * 86400 + 13 * 3600 + rng.randrange(3 * 3600)
        return t

    def customer_delay(self) -> int:
        return 20 + int(self.rng.lognormvariate(math.log(25 * 60), 1.0))

    def choose(self, probs: dict[str, float] | None) -> str | None:
        r = self.rng.random()
        for key, p in (probs or {}).items():
            if r < p:
                return key
            r -= p
        return None

    # -- conversations ------------------------------------------------------------------
    def maybe_hide(self, m: _Msg, cat: str) -> None:
        p = self.st.hide.get(cat, 0.0)
        if p and self.rng.random() < p:
            m.deleted = True

    def inbound(self, plat, cat, t, kind, parent=None, root=None, template=None):
        w, st = self.w, self.st
        person = self.pick(plat, cat)
        pnid = w.account(person, plat)
        ctx = self.ctx(person, plat)
        if template is None:
            text = self.audience_text(cat, ctx)
        else:
            ctx["_cat"], ctx["_replies"] = cat, None
            text = w.fill(template, ctx, self.slots)
        if kind == Kind.MENTION:
            text = f"@{st.handle} {text}"
        m = w.add(t, plat, pnid, text, kind, parent, root, self.nid[plat])
        self.maybe_hide(m, cat)
        self.converse(plat, root, m, person, cat, ctx)

    def converse(self, plat, root, msg, person, cat, ctx, depth=0):
        """The brand answers (or not); the customer reacts or follows up; and so on."""
        rng, st, w = self.rng, self.st, self.w
        msg.cat = cat
        if cat == "spam":
            return
        pnid, bnid, root = w.account(person, plat), self.nid[plat], root or msg.nid
        if msg.deleted:
            hidden = self.T.get("hidden_followup")
            t = msg.t + 600 + self.customer_delay()
            if hidden and rng.random() < 0.3 and t < SPAN:
                w.add(t, plat, pnid, rng.choice(hidden), Kind.REPLY, msg.nid, root, bnid)
            return
        answer = st.answer.get(cat, 0.0)
        if self.declined(msg.t):
            answer *= st.decline["answer"].get(cat, 1.0)
        if rng.random() < answer:
            t = self.reply_time(msg.t)
            if t >= SPAN:
                return
            r = w.add(t, plat, bnid, self.reply_text(cat, ctx), Kind.REPLY, msg.nid, root, pnid)
            if depth >= 4:
                return
            reaction = self.choose(st.reaction.get(cat))
            if reaction:
                t = r.t + self.customer_delay()
                if t < SPAN:
                    text = self.audience_text(reaction, ctx)
                    m = w.add(t, plat, pnid, text, Kind.REPLY, r.nid, root, bnid)
                    self.maybe_hide(m, reaction)
                    self.converse(plat, root, m, person, reaction, ctx, depth + 1)
            elif cat == "complaint" and rng.random() < st.checkin:
                t = r.t + int(rng.uniform(18, 30) * 3600)
                if t < SPAN:
                    tpl = rng.choice(self.T["checkin"])
                    if "checkin_frame" in self.T:
                        tpl = self.compose(self.T["checkin_frame"], tpl)
                    text = w.fill(tpl, ctx, self.slots)
                    c = w.add(t, plat, bnid, text, Kind.REPLY, r.nid, root, pnid)
                    t += self.customer_delay()
                    if rng.random() < 0.7 and t < SPAN:
                        text = self.audience_text("thanks", ctx)
                        m = w.add(t, plat, pnid, text, Kind.REPLY, c.nid, root, bnid)
                        self.converse(plat, root, m, person, "thanks", ctx, depth + 2)
        elif depth < 3 and rng.random() < st.followup.get(cat, 0.0):
            t = msg.t + int(rng.lognormvariate(math.log(20 * 3600), 0.6))
            if t < SPAN:
                text = self.audience_text("followup", ctx)
                if plat in MICRO:
                    text = f"@{st.handle} {text}"
                m = w.add(t, plat, pnid, text, Kind.REPLY, msg.nid, root, bnid)
                self.converse(plat, root, m, person, "followup", ctx, depth + 1)

    # -- the brand's channels -----------------------------------------------------------
    def posts(self, plat: str, ch) -> list[_Msg]:
        rng, st, w, T = self.rng, self.st, self.w, self.T
        n = max(1, round(ch.posts * w.scale))
        out = []
        for t in sorted(self.when(rng.randrange(DAYS), 12, 23, 16) for _ in range(n)):
            sale = rng.random() < st.sale_share
            title_t, text_t = rng.choice(T["sale_posts"] if sale else T["value_posts"])
            ctx: dict = {}
            title, text = w.fill(title_t, ctx, self.slots), w.fill(text_t, ctx, self.slots)
            if plat == "blog":
                body = rng.sample(T["blog_body"], min(2, len(T["blog_body"])))
                text += " " + " ".join(w.fill(b, ctx, self.slots) for b in body)
            m = w.add(t, plat, self.nid[plat], text, Kind.POST,
                      title=title if plat in THREADED else None)  # fmt: skip
            base = ch.followers * st.engagement * rng.lognormvariate(0.0, 0.7)
            m.likes = None if plat == "blog" else int(base)
            m.reposts = int(base * rng.uniform(0.05, 0.25)) if plat in MICRO else None
            if plat in ("youtube", "twitter"):
                m.views = int(base * rng.uniform(25, 80)) + 10
            out.append(m)
        return out

    def under_posts(self, plat: str, ch, posts: list[_Msg]) -> None:
        rng, st, w = self.rng, self.st, self.w
        kind = Kind.COMMENT if plat in THREADED else Kind.REPLY
        cats, weights = list(st.comment_mix), list(st.comment_mix.values())
        bnid = self.nid[plat]
        for post in posts:
            for _ in range(int(rng.gammavariate(1.5, ch.comments_per_post / 1.5) + 0.5)):
                t = post.t + 20 + int(rng.lognormvariate(math.log(50 * 60), 1.3))
                if t < SPAN:
                    cat = rng.choices(cats, weights)[0]
                    self.inbound(plat, cat, t, kind, post.nid, post.nid)
            for what, mean in (("repost", ch.reposts_per_post), ("quote", ch.quotes_per_post)):
                for _ in range(sum(rng.random() < mean / 3 for _ in range(3))):
                    t = post.t + 60 + int(rng.lognormvariate(math.log(3 * 3600), 1.0))
                    person = self.pick(plat, "repost")
                    if t >= SPAN:
                        continue
                    if what == "repost":
                        text, k = f"RT @{st.handle}: {post.text}", Kind.REPOST
                    else:
                        ctx = self.ctx(person, plat)
                        text, k = w.fill(rng.choice(self.T["quote"]), ctx, self.slots), Kind.QUOTE
                    w.add(t, plat, w.account(person, plat), text, k, post.nid, post.nid, bnid)

    def top_level(self, plat: str, ch) -> None:
        rng, st, w, scale = self.rng, self.st, self.w, self.w.scale
        if plat in MICRO:
            cats, weights = list(st.mention_mix), list(st.mention_mix.values())
            for _ in range(round(ch.mentions_per_day * DAYS * scale)):
                cat = rng.choices(cats, weights)[0]
                self.inbound(plat, cat, self.when(rng.randrange(DAYS)), Kind.MENTION)
            for _ in range(round(ch.recommends_per_day * DAYS * scale)):
                person = self.pick(plat, "recommend")
                ctx = self.ctx(person, plat)
                text = self.audience_text("recommend", ctx)
                w.add(self.when(rng.randrange(DAYS)), plat, w.account(person, plat), text,
                      Kind.MENTION, to=ctx["_friend_nid"])  # fmt: skip
        reply_kind = Kind.COMMENT if plat in THREADED else Kind.REPLY
        for _ in range(round(ch.audience_posts_per_day * DAYS * scale)):
            person = self.pick(plat, "audience_post")
            pnid, ctx = w.account(person, plat), self.ctx(person, plat)
            text = self.audience_text("audience_post", ctx)
            t = self.when(rng.randrange(DAYS))
            m = w.add(t, plat, pnid, text, Kind.POST, title=text if plat in THREADED else None)
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                peer = self.pick(plat, "peer")
                tp = t + self.customer_delay() * 3
                if peer is not person and tp < SPAN:
                    text = self.audience_text("peer", {})
                    w.add(tp, plat, w.account(peer, plat), text, reply_kind, m.nid, m.nid, pnid)
            self.converse(plat, None, m, person, "audience_post", ctx)

    def bots(self, posts_by: dict[str, list[_Msg]]) -> None:
        rng, st, w = self.rng, self.st, self.w
        plats = list(st.channels)
        for i in range(st.bots):
            plat = plats[i % len(plats)]
            bot = w.person([plat], "bot")
            nid, text = w.account(bot, plat), rng.choice(P.BOT_TEXTS)
            every = max(3600, int(st.bot_every_h[i % len(st.bot_every_h)] * 3600 / w.scale))
            posts = posts_by[plat]
            times = [p.t for p in posts]
            kind = Kind.COMMENT if plat in THREADED else Kind.REPLY
            t = rng.randrange(every)
            while t < SPAN:
                j = bisect.bisect_right(times, t) - 1
                if j >= 0:
                    w.add(t, plat, nid, text, kind, posts[j].nid, posts[j].nid, self.nid[plat])
                t += every

    def events(self) -> None:
        rng, st, w = self.rng, self.st, self.w
        for ev in st.events:
            plat = ev["platform"]
            t0 = ev["day"] * 86400 + int(ev["from_hour"] * 3600)
            for _ in range(max(1, round(ev["n"] * w.scale))):
                t = t0 + rng.randrange(int(ev["hours"] * 3600))
                self.inbound(plat, "complaint", t, Kind.MENTION, template=ev["complaint"])
            if ev["post"]:
                t = ev["day"] * 86400 + int(ev["hour"] * 3600)
                m = w.add(t, plat, self.nid[plat], ev["post"], Kind.POST)
                m.likes, m.reposts, m.views = 240, 31, 9800

    def run(self) -> None:
        posts_by = {}
        for plat, ch in self.st.channels.items():
            posts_by[plat] = self.posts(plat, ch)
            self.under_posts(plat, ch, posts_by[plat])
            self.top_level(plat, ch)
        self.bots(posts_by)
        self.events()


def generate(seed: int = 2026, scale: float = 1.0) -> Iterator[Account | Message | BrandHint]:
    """Yield every Account, then one BrandHint per brand account, then the messages by time."""
    if not scale > 0:
        raise ValueError(f"scale must be > 0, got {scale!r}")
    world = _World(seed, scale)
    for style in STYLES:
        _Brand(world, style).run()
    yield from world.items()
