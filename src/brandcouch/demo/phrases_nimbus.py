"""Nimbus Telecom: fast canned replies that push people to private channels without owning it."""

from __future__ import annotations

from brandcouch.demo import phrases as P

SLOTS: dict[str, tuple[str, ...]] = {
    "product": (
        "fibre broadband", "5G plan", "prepaid SIM", "home router", "roaming add-on",
        "TV bundle", "family plan",
    ),
    "area": ("Riverside", "North Hill", "Lakeview", "downtown", "Eastgate", "Old Town"),
    "url": ("nimbus.example/help", "nimbus.example/offers", "nimbus.example/switch"),
    "pct": ("20", "30", "50"),
}  # fmt: skip

#: The canned replies and their weights: the same few texts, names and agent initials aside.
CANNED = (
    ("Hi {name}, please send us a DM with your account number. ^{initials}", 40),
    ("Please email support@nimbus.example and we'll look into it.", 20),
    ("Hi {name}, we'd like to help. Please DM us your full name and address. ^{initials}", 25),
    ("Hi {name}, please contact our support team via chat at nimbus.example/help. ^{initials}", 15),
)

VALUE_POSTS = (
    ("Planned maintenance in {area}",
     "Planned maintenance in {area} on {weekday} night, 1 to 4am. Service may be briefly interrupted."),
    ("Router tip", "Tip: restart your home router once a month to keep speeds up."),
    ("5G in {area}", "5G is now live in {area} 📶"),
    ("Wi-Fi calling", "How to set up Wi-Fi calling on your phone in three steps: nimbus.example/wifi-calling"),
    ("Travelling?", "Heading abroad? Here's how roaming works on your {product}: nimbus.example/roaming"),
    ("Network update", "We've upgraded 120 masts across {area} this summer. Faster evenings ahead."),
)  # fmt: skip

SALE_POSTS = (
    ("Switch and save",
     "Switch to {product} and get 3 months at half price! Sign up now {url}"),
    ("{pct}% off {product}",
     "{pct}% off {product} for new customers. Limited time offer {url}"),
    ("Double data",
     "Upgrade today: double data on every {product}. Shop now {url}"),
)  # fmt: skip

BLOG_BODY = (
    "Our network team works around the clock to keep you connected.",
    "For account questions please use the help centre at nimbus.example/help.",
)

QUESTION = (
    ("Is there an outage in {area} right now?",
     ("Hi {name}, please check nimbus.example/status for your area. ^{initials}",)),
    ("Does the {product} include EU roaming?",
     ("Hi {name}, yes, the {product} includes EU roaming at no extra cost. ^{initials}",)),
    "How do I get a PUK code for my prepaid SIM?",
    "When is 5G coming to {area}?",
    "Can I upgrade my {product} without a new contract?",
    "What's the cancellation fee on the {product}?",
    "Why is my bill higher this month?",
)  # fmt: skip

COMPLAINT = (
    "My internet has been down in {area} since {weekday} and nobody can tell me why.",
    "I was billed twice for my {product} this month. Account ending {acct}.",
    "Roaming charges of ${amount} on a trip where I had the roaming add-on. Explain?",
    "The home router you sent keeps dropping the connection every hour.",
    "No signal at all in {area} for {days} days now. I work from home.",
    "Porting my number to your {product} has been stuck for {days} days.",
    "Your technician didn't show up for the {weekday} appointment. I took the day off for this.",
    "Speeds on my {product} are a third of what I pay for. Every evening.",
    "Cancelled my {product} in {month} and you're still charging me.",
    "Been on hold for {minutes} minutes. Is anyone working today?",
)

PRAISE = (
    "Fibre install went smoothly today, the technician was great",
    "OK the new {product} speeds are actually good",
)

THANKS = ("Ok, sent.", "DMed you.", "Done, emailed.")

ANNOYED = (
    "I already sent a DM {days} days ago and nobody answered.",
    "I don't want to DM, I want my internet back.",
    "That's the same copy-paste reply I got last week.",
    "Emailed support {days} days ago. Nothing.",
    "Why can't you just answer here? Everyone in {area} has the same problem.",
    "You didn't even read my message.",
    "Still down. Still no answer. Switching providers.",
    "Account number sent by DM. {hours} hours, no reply.",
    "Your chat closes the ticket without fixing anything.",
)

RECOMMEND = (
    "@{friend} don't switch to Nimbus, trust me",
    "@{friend} whatever you do, avoid Nimbus Telecom's {product}",
    "@{friend} Nimbus {product} has been fine for me tbh",
)

TAG_FRIEND = ("@{friend} is yours down too?", "@{friend} told you", "@{friend} lol")

AUDIENCE_POST = (
    "Nimbus Telecom down again in {area}. Third time this month.",
    "Is anyone else's Nimbus {product} dead right now?",
    "On hold with Nimbus for {minutes} minutes...",
    "Nimbus billed me for a {product} I never ordered. Fun.",
)

QUOTE = ("Meanwhile my internet has been down for 2 days", "Would be nice if it worked")

REPLIES: dict[str, tuple[str, ...]] = {
    "question": ("Hi {name}, you can find this at nimbus.example/help. ^{initials}",),
    "complaint": (
        "Hi {name}, have you tried restarting your router? Let us know. ^{initials}",
        "Hi {name}, you can check the status page at nimbus.example/status. ^{initials}",
        "Sorry about this, {name}. There's a fault in {area}; engineers expect it fixed by 6pm today. ^{initials}",
    ),
    "praise": ("Thanks {name}! ^{initials}", "Glad to hear it, {name}. ^{initials}"),
    "default": ("Hi {name}, please see nimbus.example/help. ^{initials}",),
}

#: After the brand hid their message, some customers come back.
HIDDEN_FOLLOWUP = (
    "Deleting my comment won't fix my internet.",
    "Why was my comment removed? I'm just asking for help.",
    "You hid my complaint instead of answering it. Classy.",
)

TEXTS = {
    "slots": SLOTS,
    "value_posts": VALUE_POSTS,
    "sale_posts": SALE_POSTS,
    "blog_body": BLOG_BODY,
    "question": QUESTION,
    "complaint": COMPLAINT,
    "praise": PRAISE,
    "thanks": THANKS,
    "annoyed": ANNOYED,
    "recommend": RECOMMEND,
    "tag_friend": TAG_FRIEND,
    "audience_post": AUDIENCE_POST,
    "quote": QUOTE,
    "replies": REPLIES,
    "peer": P.PEER_NEGATIVE,
    "canned": CANNED,
    "hidden_followup": HIDDEN_FOLLOWUP,
}
