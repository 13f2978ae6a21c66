"""Channel advice on a two-channel brand whose second channel is neglected and noisy."""

from __future__ import annotations

from brandcouch.metrics.channels import channel_advice


def channel(platform, inbound, replied, median, members, quality, tie, segs, followers, els=None):
    ch = {
        "platform": platform,
        "metrics": {"inbound": inbound, "replied": replied, "reply_rate_all": replied / inbound,
                    "first_response_minutes_median": median},
        "audience": {"members": members, "quality_members": quality,
                     "quality_share": quality / members, "tie_strength_mean": tie,
                     "segments": segs, "followers": followers,
                     "quality_per_1k_followers": 1000 * quality / followers},
    }  # fmt: skip
    if els:
        ch["elements"] = {k: {"score": v} for k, v in els.items() if k != "health"}
        ch["health"] = {"score": els["health"]}
    return ch


def acme(with_elements=False):
    twitter = channel("twitter", 200, 180, 12.0, 120, 60, 45.0, {"spam": 2}, 10_000)
    mastodon = channel(
        "mastodon", 40, 2, 600.0, 30, 3, 12.0, {"spam": 8, "likely_bot": 2}, 2_000,
        {"empathy": 20.0, "health": 30.0} if with_elements else None,
    )  # fmt: skip
    b = {
        "name": "Acme",
        "metrics": {"inbound": 240, "replied": 182, "reply_rate_all": 182 / 240},
        "audience": {"members": 140, "quality_members": 62, "quality_share": 62 / 140},
        "channels": [twitter, mastodon],
    }
    if with_elements:
        b["elements"] = {"empathy": {"score": 70.0}}
        b["health"] = {"score": 65.0}
    return b


def test_the_neglected_channel_comes_first_with_its_numbers():
    advice = channel_advice(acme())
    first = advice[0]
    assert (first["channel"], first["kind"]) == ("mastodon", "neglected")
    assert first["reasons"] == [
        "40 inbound messages, 2 answered (5%)",
        "versus 90% on twitter",
        "median first response 10.0 hours versus 12 minutes on twitter",
    ]


def test_where_the_engaged_audience_is_and_where_to_invest():
    advice = channel_advice(acme())
    engaged = next(a for a in advice if a["kind"] == "engaged")
    assert engaged["channel"] == "twitter"
    # twitter also has the best quality share (50% vs 44% + 5 points): one merged advice
    assert "most two-way channel" in engaged["advice"]
    assert not any(a["kind"] == "invest" for a in advice)
    assert engaged["reasons"] == [
        "60 of the brand's 62 quality relationships are here (120 members)",
        "quality share 50% (brand 44%)",
        "mean tie strength 45/100",
        "6.00 quality relationships per 1,000 followers",
    ]


def test_a_noisy_channel():
    noise = next(a for a in channel_advice(acme()) if a["kind"] == "noise")
    assert noise["channel"] == "mastodon"
    assert noise["reasons"] == [
        "10 of 30 members (33%) are self-promoters, spam or likely bots (8 spam, 2 bots)"
    ]


def test_element_scores_join_the_reasons_when_present():
    first = channel_advice(acme(with_elements=True))[0]
    assert first["reasons"][-1] == "scores here: empathy 20 (brand 70), health 30 (brand 65)"


def test_invest_in_a_smaller_but_more_two_way_channel():
    b = acme()
    b["channels"][1] = channel("mastodon", 40, 36, 15.0, 30, 24, 60.0, {}, 2_000)
    b["audience"]["quality_members"] = 84
    b["audience"]["quality_share"] = 84 / 140
    advice = channel_advice(b)
    assert [(a["channel"], a["kind"]) for a in advice] == [
        ("twitter", "engaged"),
        ("mastodon", "invest"),
    ]
    assert advice[1]["reasons"][1] == "quality share 80% (brand 60%)"
