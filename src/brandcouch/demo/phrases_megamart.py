"""MegaMart Deals: a broadcaster. Mostly sales pitches, rare, slow and generic replies."""

from __future__ import annotations

from brandcouch.demo import phrases as P

SLOTS: dict[str, tuple[str, ...]] = {
    "product": (
        "TVs", "laptops", "air fryers", "headphones", "mattresses", "gaming consoles",
        "vacuum cleaners", "smartwatches", "coffee machines", "office chairs", "tablets",
    ),
    "item": (
        "TV", "laptop", "air fryer", "soundbar", "mattress", "console", "vacuum",
        "smartwatch", "coffee machine", "office chair", "tablet", "blender",
    ),
    "pct": ("20", "25", "30", "40", "50", "60", "70"),
    "code": ("SAVE10", "MEGA20", "FLASH40", "BTS25", "WEEKEND15"),
    "url": (
        "https://megamart.example/sale", "https://megamart.example/deals",
        "https://megamart.example/flash", "https://megamart.example/clearance",
    ),
    "store_city": ("Oakfield", "Brookdale", "Westgate", "Fairview"),
}  # fmt: skip

SALE_POSTS = (
    ("FLASH SALE: {pct}% off all {product}",
     "FLASH SALE: {pct}% off all {product} today only! Shop now {url}"),
    ("Buy one get one 50% off",
     "Don't miss out: buy one {item}, get one 50% off. Limited time offer! {url}"),
    ("MEGA WEEKEND up to {pct}% off",
     "MEGA WEEKEND 🔥 Up to {pct}% off {product}. Shop now before it's gone: {url}"),
    ("Extra {pct}% off with code {code}",
     "Use code {code} for an extra {pct}% off {product}. Ends tonight! {url}"),
    ("Free shipping on {product}",
     "Free shipping on all {product} orders over $50. Order now {url}"),
    ("Clearance: {product} from $49",
     "CLEARANCE 🚨 {product} from $49 while stocks last. Shop now {url}"),
    ("Back to school deals",
     "Back to school deals are HERE 🎒 {pct}% off {product} and tablets. Shop now {url}"),
    ("Deal of the day: {item}",
     "Deal of the day ⚡ {item} at {pct}% off. Only 200 left! {url}"),
    ("Price drop on {product}",
     "PRICE DROP: {product} now {pct}% off. Limited time offer, order now {url}"),
    ("Members save more",
     "MegaMart members save an extra {pct}% on {product} this week. Join free and shop now {url}"),
)  # fmt: skip

VALUE_POSTS = (
    ("Happy {weekday}!", "Happy {weekday}! What's everyone up to this weekend?"),
    ("How to pick a TV size", "How to pick the right TV size for your living room: measure the distance to your sofa and divide by 1.5."),
    ("{store_city} store reopening", "Our {store_city} store reopens Monday after renovation. New layout, same friendly team."),
    ("Would you rather", "Would you rather have a robot vacuum or a stand mixer? 🤔"),
    ("Throwback", "Throwback to our very first store in 1998 📸"),
    ("Air fryer cleaning tips", "Tip: clean your air fryer basket with warm water and a soft brush after every use."),
)  # fmt: skip

BLOG_BODY = ("Terms and conditions apply.",)

QUESTION = (
    ("Is this in store too or online only?",
     ("Hi {name}, online only while stocks last.",)),
    ("Does the {product} promo include open-box?",
     ("Hi {name}, open-box items are excluded.",)),
    ("When does the {code} code expire?",
     ("Hi {name}, {code} is valid until midnight.",)),
    "Do you price match?",
    "Is the {item} in stock at the {store_city} store?",
    "Will there be more {product} on sale next week?",
    "Which {item} would you recommend under $300?",
    "Does this include delivery to {city}?",
    "Can I still return a {item} bought in {month}?",
)  # fmt: skip

COMPLAINT = (
    "My order #{order} arrived broken and no one is answering",
    "The {item} I bought in the last sale stopped working after a week",
    "Price went up the day before the 'sale' lol",
    "Still no refund for the {item} I returned in {month}",
    "Delivery for order #{order} was supposed to come on {weekday}. Nothing.",
    "Your checkout crashed three times and now the {code} code is expired",
    "Waited on hold 45 minutes and got hung up on",
    "The {item} in the photo is not the one you sent me",
    "Ordered a {item} {days} days ago, tracking hasn't moved since",
    "Your {store_city} store refused my return even with the receipt",
)

PRAISE = (
    "Got a great {item} last sale, super happy",
    "Delivery was actually fast this time 👍",
    "Thanks for the {code} code, saved a bunch",
    "Good prices on {product} honestly",
)

THANKS = ("ok thanks", "Thanks, finally an answer.", "ok", "Thanks I guess")

ANNOYED = (
    "That link doesn't help at all.",
    "I already called, nobody picks up.",
    "So that's a no then.",
    "A generic link, seriously?",
    "{days} days for this answer?",
)

RECOMMEND = (
    "@{friend} check MegaMart, they have {product} at {pct}% off right now",
    "@{friend} got my {item} from MegaMart, decent price",
    "@{friend} don't order from MegaMart, my {item} took {days} weeks",
)

TAG_FRIEND = (
    "@{friend} {pct}% off {product}!!",
    "@{friend} look, the {item} you wanted",
    "@{friend} finally",
    "@{friend} 👀",
)

AUDIENCE_POST = (
    "MegaMart delivery guy just left my {item} in the rain. Great.",
    "Picked up a {item} at MegaMart for {pct}% off, not bad",
    "Is the MegaMart extended warranty worth it?",
    "MegaMart customer service is a black hole. Order #{order}, nothing for {days} days.",
)

QUOTE = ("lol another 'flash sale'", "{pct}% off? sure", "Good price tbh", "every single day 😂")

REPLIES: dict[str, tuple[str, ...]] = {
    "question": (
        "Hi {name}! Please check https://megamart.example/help for details.",
        "Thanks for your interest! All offers are listed at {url}",
    ),
    "complaint": (
        "Hi {name}, sorry for any inconvenience. Please contact customer service at 1-800-555-0199.",
        "Hi {name}, please visit https://megamart.example/help for order issues.",
    ),
    "default": ("Thanks {name}! Don't miss this week's offers: {url}",),
}

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
    "peer": P.PEER_POSITIVE + P.PEER_NEGATIVE,
}
