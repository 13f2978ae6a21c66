"""Harbor Coffee: attentive, fast, personal. Replies quote the customer's issue back.

An entry is a template or ``(template, replies)``: the replies answer that exact template and
reuse its slots, so "my oat flat white arrived cold at the Elm St store" is answered with
"Sorry your oat flat white arrived cold at the Elm St store, Sam — ...".
"""

from __future__ import annotations

from brandcouch.demo import phrases as P

SLOTS: dict[str, tuple[str, ...]] = {
    "product": (
        "oat flat white", "cold brew", "cortado", "iced mocha", "chai latte", "matcha latte",
        "Ethiopian pour-over", "double espresso", "honey lavender latte", "cappuccino",
    ),
    "food": (
        "almond croissant", "cardamom bun", "banana bread", "breakfast sandwich",
        "blueberry muffin", "cinnamon roll",
    ),
    "store": ("Elm St", "Harbor Square", "Mill Road", "Pier 9", "Union Ave", "Station Plaza"),
    "problem": (
        "arrived cold", "came without a lid", "tasted burnt", "was made with dairy instead of oat",
        "took 25 minutes to come out", "was half empty", "was missing from my mobile order",
        "spilled all over the delivery bag",
    ),
    "fix": (
        "we've refunded it to your card just now",
        "the next two drinks are on us, just give your name at the counter",
        "I've told the shift lead so it won't happen again, and your next one is on us",
        "we've added a free drink credit to your app account",
        "we're refunding it now and I've flagged it with the morning team",
    ),
    "beans": ("Ethiopia Guji", "Colombia Huila", "House Blend", "Decaf Swiss Water", "Kenya AA"),
    "method": ("V60", "French press", "AeroPress", "moka pot", "Chemex"),
    "barista": ("Marta", "Joe", "Keiko", "Andre", "Bea", "Tomasz"),
    "url": (
        "harbor.example/guides", "harbor.example/blog", "harbor.example/stories",
        "harbor.example/brew",
    ),
}  # fmt: skip

VALUE_POSTS = (
    ("How to brew {beans} in a {method}",
     "New brewing guide: {beans} in a {method}, step by step. Grind size, water temperature and the 30-second bloom: {url}"),
    ("Meet the farmers behind {beans}",
     "We visited the growers behind our {beans}. Here's their story and why we pay well above fair-trade price: {url}"),
    ("Five mistakes that make home coffee bitter",
     "Bitter coffee at home? It's usually grind, water, ratio, freshness or cleaning. Quick fixes for all five: {url}"),
    ("Tip of the week: warm your cup",
     "Tip of the week: warm your cup before pouring and your {product} stays hot twice as long."),
    ("Meet {barista} from {store}",
     "Say hello to {barista}, who has been pulling shots at {store} for six years. Ask about the latte art!"),
    ("Board games at {store}",
     "Rainy {weekday}? {store} has board games, big tables and fresh {food} until 7pm."),
    ("Where our coffee grounds go",
     "Every store sends its coffee grounds to community gardens. How the compost loop works: {url}"),
    ("Why we filter our water",
     "Water is 98% of your cup. A short explainer on why we filter it at every store: {url}"),
    ("Free latte art class at {store}",
     "Free latte art class at {store} this Saturday at 10. Bring a friend, we bring the milk."),
    ("Dialing in espresso at home",
     "Dialing in espresso at home: start at 18g in, 36g out, 28 seconds, then taste and adjust. Our cheat sheet: {url}"),
    ("Behind the roaster with {barista}",
     "A morning behind the roaster with {barista}: how we profile {beans} for filter and espresso. {url}"),
    ("Storing beans the right way",
     "Keep beans in an airtight tin, away from light, and skip the freezer for daily use. More storage tips: {url}"),
)  # fmt: skip

SALE_POSTS = (
    ("{beans} 20% off this week",
     "Our {beans} is 20% off this week. Shop now at harbor.example/shop"),
    ("Autumn blend pre-orders",
     "Autumn blend pre-orders are open! Order now and get free shipping: harbor.example/shop"),
    ("Free {product} with every bag",
     "Buy a bag of {beans}, get a free {product}. This weekend only: shop now in all stores or online."),
)  # fmt: skip

BLOG_BODY = (
    "We tested this over three weeks with the whole roasting team.",
    "If you try it, tell us how it went in the comments, we read every one.",
    "Thanks to everyone at {store} who helped with the photos.",
    "You don't need fancy gear: a kitchen scale and a timer get you most of the way.",
    "Questions are welcome below, and we answer them all.",
)

QUESTION = (
    ("Does the {store} store have oat milk?",
     ("Yes! {store} has oat, almond and soy every day, {name}. No extra charge for oat.",
      "It does, {name}: oat, almond and soy at {store}, all free of charge.")),
    ("What time does {store} open on {weekday}s?",
     ("Hi {name}! {store} opens at 6:30am on {weekday}s and closes at 7pm.",
      "{weekday}s at {store}: 6:30am to 7pm, {name}. See you there!")),
    ("What grind should I use for {beans} in a {method}?",
     ("Great question, {name}! For {beans} in a {method} go medium-fine, 15g to 250ml, water just off the boil. Our {method} guide is on the blog too.",)),
    ("Can I get the {product} decaf?",
     ("You can, {name}! Any {product} can be made with our Decaf Swiss Water beans, just ask at the counter.",)),
    ("Do you ship {beans} beans to {city}?",
     ("We do, {name}: {beans} ships to {city} in 2-3 days, roasted the day before it leaves.",)),
    ("Are the cups at {store} compostable?",
     ("They are, {name}! Cups and lids at {store} are compostable, and bringing your own cup gets you 25c off.",)),
    ("Is there wifi at {store}? Looking for a place to work this week.",
     ("Yes, {name}! {store} has free wifi and outlets along the window bar. Quietest before 10am.",)),
    ("Do you have anything gluten-free at {store}?",
     ("We do, {name}: the flourless chocolate cake and the oat bars at {store} are gluten-free (shared kitchen though).",)),
    ("Is the {food} vegan?",
     ("Not yet, {name}, the {food} has butter in it. The oat bars and the banana loaf are vegan though!",)),
    ("How long do your {beans} beans stay fresh after opening?",
     ("About three weeks at their best, {name}, in an airtight tin away from light. Roast date is on every {beans} bag.",)),
)  # fmt: skip

COMPLAINT = (
    ("My {product} {problem} at the {store} store.",
     ("Sorry your {product} {problem} at the {store} store, {name} — {fix}.",
      "Oh no, {name}, sorry! A {product} that {problem} is not okay — {fix}.",
      "{name}, so sorry your {product} {problem} at {store} — {fix}.")),
    ("Mobile order #{order} at {store}: the {food} was missing.",
     ("So sorry the {food} was missing from order #{order}, {name}. We've refunded it and a fresh one is waiting at {store} whenever you pass by.",)),
    ("My {beans} subscription bag hasn't arrived and it's been {days} days.",
     ("Sorry {name}, {days} days is far too long for your {beans} bag. It was stuck at the depot, so we've sent a new one by express today.",)),
    ("Waited 20 minutes at {store} this morning and the line didn't move. Only one barista on?",
     ("You're right, {name}, and sorry. We were short-staffed at {store} this morning and 20 minutes is too long. A second barista is on the morning rush from tomorrow.",)),
    ("Charged twice for my {product} at {store} today.",
     ("Sorry about the double charge, {name}! I've reversed the second {product} charge from {store}, it'll show in 2-3 days.",)),
    ("The {store} store was closed at 7am but the app says it opens at 6:30.",
     ("Sorry for the wasted trip, {name}. {store} opened late today because of a burst pipe and we should have posted it. App hours are fixed and your next drink is on us.",)),
    ("The {food} I got at {store} was stale. Not what I expect from you.",
     ("Sorry {name}, a stale {food} is on us. We've refunded it and the {store} team is checking the morning delivery.",)),
)  # fmt: skip

PRAISE = (
    ("Best {product} in town, the {store} crew is amazing",
     ("Thank you {name}! I'll pass that on to the {store} crew ☕",)),
    ("The {product} at {store} this morning made my day",
     ("This made our day too, {name}! Thanks for coming by {store}.",)),
    ("Your {method} guide changed my mornings. Thank you!",
     ("So glad the {method} guide helped, {name}! Next try it with {beans}.",)),
    ("{store} baristas remembered my order after one visit 😍",
     ("That's the {store} team for you, {name}! We'll tell them you said hi.",)),
    ("That {beans} is the best coffee I've had at home",
     ("Thank you {name}! {beans} is a favourite here too. Try it in a {method} next.",)),
    "Love this, thank you for sharing!",
    "This is great, saving it.",
    "Such a lovely story, thank you",
)  # fmt: skip

THANKS = (
    "Thanks so much, that was quick!",
    "Perfect, thank you 🙏",
    "Great, thanks!",
    "Thank you, super helpful.",
    "Appreciate it, see you tomorrow at {store}.",
    "Oh nice, thanks {brand_short}!",
)

#: Thanks after a complaint was fixed.
THANKS_FIX = (
    "Wow, thank you! That's really kind.",
    "Thank you, this is why I keep coming back.",
    "That's really kind, thanks Harbor!",
    "Thanks! Refund came through already.",
    "Thanks for sorting it so fast.",
    "Appreciate it. Honestly didn't expect an answer, let alone a fix.",
)

ANNOYED = (
    "Hmm, the refund hasn't shown up yet.",
    "Still no sign of it, to be honest.",
    "Went back today and it happened again.",
)

RECOMMEND = (
    "@{friend} you have to try Harbor Coffee's {product}, best in town",
    "@{friend} Harbor Coffee on {store} tomorrow? Their {food} is unreal",
    "@{friend} I recommend the {beans} from Harbor Coffee for your {method}",
    "@{friend} if you're ever near {store}, Harbor Coffee is the place. Trust me.",
    "@{friend} you should try Harbor Coffee, they actually answer when something goes wrong",
)

TAG_FRIEND = (
    "@{friend} we need to go here",
    "@{friend} look, your favourite {product}!",
    "@{friend} making this on {weekday}",
    "@{friend} remember this one?",
)

AUDIENCE_POST = (
    ("Just had the best {product} at Harbor Coffee on {store} ☕",
     ("So glad you enjoyed it, {name}! Come back for the {food} next time.",)),
    ("Working from Harbor Coffee {store} today, great vibes",
     ("Happy to have you, {name}! The window seats have the best light.",)),
    ("Harbor Coffee's {beans} is my new favourite",
     ("That makes us happy, {name}! Try it in a {method} too.",)),
    ("Harbor Coffee {store} was out of {food} again at 9am 😩",
     ("Sorry {name}, we've been underbaking at {store}. We're doubling the {food} batch from tomorrow.",)),
)  # fmt: skip

QUOTE = (
    "This is why I love them 👇",
    "Highly recommend, their {product} is the best",
    "Saving this for the weekend",
    "Tried this yesterday, it works!",
)

REPLIES: dict[str, tuple[str, ...]] = {
    "praise": (
        "Thank you {name}! ☕",
        "That means a lot, {name}. Thanks for being here!",
        "Thanks {name}! Come say hi at {store} soon.",
    ),
    "thanks": (
        "Anytime, {name}! ☕",
        "See you soon, {name}!",
        "Enjoy, {name}! Say hi to the {store} crew.",
        "Happy to help, {name}!",
    ),
    "thanks_fix": (
        "Thanks for giving us the chance to fix it, {name}.",
        "Thank you for your patience, {name}. See you soon!",
        "Anytime, {name}. Sorry again for the trouble!",
    ),
    "annoyed": (
        "Sorry {name}, that shouldn't happen. Refunds take 2-3 days to show; if it's not there by {weekday} tell us here and we'll chase it.",
        "Really sorry, {name}. I've escalated it to the {store} manager and will update you here today.",
    ),
    "chatter": ("Ha, love it {name}!", "Thanks for watching, {name}!", "☕☕☕"),
    "tag_friend": ("See you both soon! ☕", "Bring them by {store}, {name}!"),
    "audience_post": ("Thanks for the shout, {name}!",),
    "question": ("Good question, {name}! Yes, all stores have it.",),
    "complaint": ("Sorry {name}, that's not okay — {fix}.",),
    "default": ("Thanks {name}!",),
}

#: Prefix when answering a follow-up the brand missed the first time.
FOLLOWUP_PREFIX = "Sorry for the slow reply, {name}! "

#: The brand coming back on its own after fixing something.
CHECKIN = (
    "Hi {name}, just checking in: is everything sorted now?",
    "Hi {name}, following up: all good since yesterday? Tell us here if not.",
    "Hope your next visit to {store} was better, {name}!",
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
    "thanks_fix": THANKS_FIX,
    "annoyed": ANNOYED,
    "recommend": RECOMMEND,
    "tag_friend": TAG_FRIEND,
    "audience_post": AUDIENCE_POST,
    "quote": QUOTE,
    "replies": REPLIES,
    "peer": P.PEER_POSITIVE,
    "followup_prefix": FOLLOWUP_PREFIX,
    "checkin": CHECKIN,
}
