"""Seeded sample + positive search for the `self_promotion` labelling task.

Reads the raw TWCS excerpts in /work/shared with the stdlib csv module only.

    python3 labels/sample_self_promotion.py sample   # 300 sampled candidates (180 trigger, 120 uniform)
    python3 labels/sample_self_promotion.py search   # every tweet matching the broad positive-search regex
    python3 labels/sample_self_promotion.py scan     # extra reading lists (broadcast tweets, link+music words)
    python3 labels/sample_self_promotion.py ids      # tweet_id,origin,source of every labelled item
    python3 labels/sample_self_promotion.py split LABELS.csv  # print tweet_id,label,split rows for a tweet_id,label file

Sampling: the pool is every customer (inbound=True) tweet of twcs_head5000.csv plus every
row of spotifycares_support_requests.csv, deduplicated by tweet_id (TWCS ids are one id space).
`random.Random(19)` draws 180 tweets from the "trigger" pool (tweets a naive promotion rule
would flag, see TRIGGERS) and then 120 uniformly from all remaining customer tweets.
"""

import csv
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split import assign_split  # noqa: E402  (labels/split.py: the one split rule)

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repo

TASK = "self_promotion"
HEAD = str(SHARED / "data/twcs/twcs_head5000.csv")
SPOT = str(SHARED / "data/twcs/spotifycares_support_requests.csv")
N_TRIGGER, N_RANDOM = 180, 120

# Ids added by hand after reading two further scans of the pool (mode `scan`): every head5000
# customer tweet that does not start with an @mention (broadcast-style tweets, where anonymised
# brand/organisation accounts post marketing copy), and tweets with a link next to a music /
# "support" / "share" word. Only ids are stored; the labels live in labels/self_promotion.csv.
MANUAL_IDS = [
    "293",
    "348",
    "608",
    "614",
    "630",
    "1062",
    "1068",
    "1072",
    "1304",
    "1408",
    "1557",
    "1650",
    "1753",
    "1952",
    "1998",
    "2290",
    "2540",
    "2812",
    "2865",
    "2878",
    "3126",
    "3129",
    "3521",
    "3547",
    "3686",
    "3896",
    "4058",
    "4068",
    "4084",
    "4103",
    "4151",
    "4312",
    "4451",
    "4463",
    "4554",
    "4635",
    "5099",
    "5159",
    "5323",
    "5355",
    "5360",
    "5368",
    "5378",
    "5391",
    "5655",
    "5674",
    "5775",
    "5877",
    "5909",
    "6486",
    "6569",
    "7008",
    "7081",
    "7186",
    "7192",
    "7241",
    "7300",
    "7311",
    "7373",
    "7442",
    "1121928",
    "1421479",
    "1852014",
    "1871120",
    "1897012",
    "1973022",
    "2264809",
    "2284931",
    "2545272",
    "2862786",
    "2921948",
    "1174",
    "519899",
    "862195",
    "965741",
    "965742",
]
SCAN = (
    r"(https://t\.co/.*(song|music|track|playlist|album|\bep\b|single|artist|listen|stream|support|check|enjoy|vote|rt\b|share|new))|"
    r"((song|music|track|playlist|album|\bep\b|single|artist|listen|stream|support|check|enjoy|vote|\brt\b|share|new).*https://t\.co/)|"
    r"\b(we|our)\b.*(new|launch|offer|order|shop|visit)|please (rt|retweet|share|support)|\brt\b|retweet|spread the word|"
    r"\bvote for\b|my (label|record|ep|demo|remix|cover)|\b(rapper|producer|musician|songwriter|singer)\b|unsigned|"
    r"indie artist|upcoming (artist|release)|out now|new release|dropping|just dropped|\bdrop(ped)? my"
)

TRIGGERS = [
    r"https://t\.co/",
    r"#\w",
    r"check (it )?out",
    r"\bfollow",
    r"subscri",
    r"\bmy (new )?(channel|page|shop|store|business|playlists?|songs?|album|video|blog|site)\b",
    r"new single",
    r"listen to",
    r"\$|£|€|\d+(\.\d\d)? ?(usd|dollars|pounds|bucks)\b",
    r"\bfree\b",
    r"\bsale\b",
    r"\bcode\b",
]

# Broad search for real positives (customers promoting their own thing). Over-inclusive on purpose.
SEARCH = (
    r"follow (me|my|us|back|4|for)|f4f|\bfollow\b.*\b(playlist|page|account|channel)|check (it )?out my|"
    r"listen to my|my (new |latest |own )?(channel|songs?|album|music|band|podcast|mixtape|single|track|ep|"
    r"shop|store|business|blog|site|website|app|page|video|artist)\b|soundcloud|youtube|subscri|itunes|"
    r"referral|refer a|invite (code|link)|affiliate|promo|stream (my|it|this)|give (it|me|us) a listen|"
    r"my playlists?|i made (a|this) playlist|i('m| am) an? (artist|musician|producer|rapper|singer|dj)|"
    r"\bdj\b|mixtape|#np\b|#nowplaying|new music|out now|link in (my )?bio|\bdm me\b|sign up|use my"
)


def load():
    """Return (rows_by_id in first-seen order, brands set, head_rows_by_id incl. brand tweets)."""
    rows, head = {}, {}
    brands = set()
    with open(HEAD, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            head[r["tweet_id"]] = r
            if r["inbound"] == "True":
                r["source"] = "head5000"
                rows[r["tweet_id"]] = r
            else:
                brands.add(r["author_id"].lower())
    with open(SPOT, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["tweet_id"] in rows:
                rows[r["tweet_id"]]["source"] = "both"
                continue
            if r["inbound"] != "True":
                continue
            r["source"] = "spotify"
            rows[r["tweet_id"]] = r
    return rows, brands, head


def is_trigger(text, brands):
    if any(re.search(p, text, re.I) for p in TRIGGERS):
        return True
    # @mention of a non-brand (anonymised customers appear as @<number>)
    return any(h.lower() not in brands for h in re.findall(r"@(\w+)", text))


def sample(rows, brands):
    ids = sorted(rows, key=int)
    trig = [i for i in ids if is_trigger(rows[i]["text"], brands)]
    rng = random.Random(19)
    picked = rng.sample(trig, N_TRIGGER)
    chosen = set(picked)
    rest = [i for i in ids if i not in chosen]
    picked_r = rng.sample(rest, N_RANDOM)
    return [(i, "trigger") for i in picked] + [(i, "random") for i in picked_r]


def search(rows):
    return [i for i in sorted(rows, key=int) if re.search(SEARCH, rows[i]["text"], re.I)]


def context(i, rows, head):
    r = rows[i]
    out = [
        f"== {i} [{r['source']}] author={r['author_id']} {r['created_at']}",
        "   " + r["text"].replace("\n", " "),
    ]
    prev = (r.get("in_response_to_tweet_id") or "").strip()
    if prev:
        p = str(int(float(prev)))
        if p in head:
            out.append(f"   <- {head[p]['author_id']}: " + head[p]["text"].replace("\n", " ")[:200])
    for n in (r.get("response_tweet_id") or "").split(","):
        n = n.strip()
        if n in head:
            out.append(f"   -> {head[n]['author_id']}: " + head[n]["text"].replace("\n", " ")[:200])
    return "\n".join(out)


def main():
    rows, brands, head = load()
    mode = sys.argv[1] if len(sys.argv) > 1 else "sample"
    if mode == "sample":
        for i, why in sample(rows, brands):
            print(context(i, rows, head).replace("== " + i, f"== {i} ({why})", 1))
    elif mode == "search":
        for i in search(rows):
            print(context(i, rows, head))
    elif mode == "scan":  # the two extra reading lists behind MANUAL_IDS (not yet in sample/search)
        seen = {i for i, _ in sample(rows, brands)} | set(search(rows))
        for i in sorted(rows, key=int):
            if i in seen:
                continue
            t = rows[i]["text"].strip()
            broadcast = rows[i]["source"] != "spotify" and not t.startswith("@")
            if broadcast or re.search(SCAN, t, re.I):
                print(context(i, rows, head))
    elif mode == "ids":  # id,origin,source: sample ids, then search-only ids, then manual ids
        s = sample(rows, brands)
        seen = {i for i, _ in s}
        for i, why in s:
            print(f"{i},{why},{rows[i]['source']}")
        for i in search(rows):
            if i not in seen:
                seen.add(i)
                print(f"{i},search,{rows[i]['source']}")
        for i in MANUAL_IDS:
            if i not in seen:
                seen.add(i)
                print(f"{i},manual,{rows[i]['source']}")
    elif mode == "split":
        by = {}
        with open(sys.argv[2], newline="") as f:
            for r in csv.DictReader(f):
                by.setdefault(r["label"], []).append(r["tweet_id"])
        sp = assign_split(TASK, by)
        lab = {t: lab_ for lab_, ts in by.items() for t in ts}
        print("tweet_id,label,split,labeller")
        for t in sorted(lab):
            print(f"{t},{lab[t]},{sp[t]},agent-{TASK}")


if __name__ == "__main__":
    main()
