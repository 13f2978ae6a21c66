"""Attribution (issue 12): every @mention counts, in any case; a declared account receives its
inbound whether or not it ever posted; a declared brand replaces an inferred one that shares
an account with it or is named after the same forum."""

from __future__ import annotations

from brandcouch import api
from brandcouch.analysis.steps import Runner
from brandcouch.settings import Config

T0 = "Tue Oct 31 22:10:47 +0000 2017"
HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"


def _twcs(tmp_path, rows: list[str]):
    p = tmp_path / "twcs.csv"
    p.write_text(HEADER + "".join(f"{r}\n" for r in rows))
    return p


def _inbound(store, config=None) -> set[tuple[str, str]]:
    runner = Runner(store, config) if config is not None else Runner(store)
    runner.ensure("inbound")
    return {
        (b, i.removeprefix("twitter:twcs:"))
        for i, b in store.con.execute("SELECT id, brand FROM inbound").fetchall()
    }


def test_every_mention_in_any_case(store, tmp_path):
    path = _twcs(
        tmp_path,
        [
            f"1,Delta,False,{T0},@200 we are on it,,",
            f"2,United,False,{T0},@201 sorry to hear,,",
            f"3,300,True,{T0},@DELTA where is my bag,,",  # another case
            f"4,301,True,{T0},@115 @Delta lost it,,",  # a second mention
            f"5,302,True,{T0},@delta and @united: both late,,",  # two brands
            f"6,303,True,{T0},no one named here,,",
        ],
    )
    api.import_paths(store, [path])
    assert store.con.execute(
        "SELECT handle FROM message_mentions WHERE message_id = 'twitter:twcs:5' ORDER BY 1"
    ).fetchall() == [("delta",), ("united",)]
    assert _inbound(store) == {("Delta", "3"), ("Delta", "4"), ("Delta", "5"), ("United", "5")}


def test_a_declared_account_that_never_posted_receives_its_mentions(store, tmp_path):
    path = _twcs(
        tmp_path,
        [f"1,400,True,{T0},@SpotifyCares no sound,,", f"2,401,True,{T0},@spotifycares hi,,"],
    )
    api.import_paths(store, [path])
    assert store.scalar("SELECT count(*) FROM accounts WHERE handle = 'SpotifyCares'") == 0
    overlay = Config({"brands": {"Spotify": ["twitter:SpotifyCares"]}})
    assert _inbound(store, overlay) == {("Spotify", "1"), ("Spotify", "2")}
    api.add_brands(store, ["Spotify=twitter:SpotifyCares"])  # declared in the store
    assert _inbound(store) == {("Spotify", "1"), ("Spotify", "2")}


def test_spotifycares_requests_reach_the_declared_brand(store, shared):
    path = shared("data", "twcs", "spotifycares_support_requests.csv")
    api.import_paths(store, [path])
    api.add_brands(store, ["Spotify=twitter:SpotifyCares"])
    result = api.analyse(store, signals=False)
    (spotify,) = result.brands
    assert spotify.name == "Spotify"
    assert 14_500 <= spotify.metrics.inbound <= 15_096


def test_a_declared_brand_replaces_the_inferred_forum(store, shared):
    path = shared("fixtures", "disqus", "tl3shi", "disqus.xml")
    api.import_paths(store, [path])
    assert [r[0] for r in store.con.execute("SELECT name FROM brands").fetchall()] == [
        "hexo-tanglei"
    ]
    api.add_brands(store, ["tanglei=disqus:anon:tanglei,disqus:forum:hexo-tanglei"])
    assert store.con.execute("SELECT name, source FROM brands").fetchall() == [
        ("tanglei", "config")
    ]
    (brand,) = api.analyse(store, signals=False).brands
    assert brand.name == "tanglei" and brand.metrics.brand_replies >= 20
    again = api.import_paths(store, [path])[0]  # importing again brings no ghost back
    assert again.brands == []
    assert [b.name for b in api.analyse(store, signals=False).brands] == ["tanglei"]


def test_the_overlay_replaces_the_inferred_forum_in_the_brand_map(store, shared):
    api.import_paths(store, [shared("fixtures", "disqus", "tl3shi", "disqus.xml")])
    overlay = Config({"brands": {"tanglei": ["disqus:anon:tanglei", "disqus:forum:hexo-tanglei"]}})
    runner = Runner(store, overlay)
    runner.ensure("brand_map")
    assert {r[0] for r in store.con.execute("SELECT brand FROM brand_map").fetchall()} == {
        "tanglei"
    }
