"""Shared text pools for the demo corpus: names, bios, audience chatter, spam, follow-ups.

Brand-specific pools (products, posts, replies) live in :mod:`brandcouch.demo.phrases_brands`.
Templates use ``{slot}`` fields filled by :func:`brandcouch.demo.generator.fill` from a context
dict first, then from the brand's slot pools, then from :data:`COMMON_SLOTS`.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Sam", "Alex", "Jordan", "Priya", "Maya", "Leo", "Nina", "Omar", "Chloe", "Diego",
    "Hannah", "Kenji", "Fatima", "Lucas", "Zoe", "Ethan", "Aisha", "Mateo", "Grace", "Noah",
    "Ines", "Felix", "Amara", "Ravi", "Lena", "Tom", "Sofia", "Jamal", "Elena", "Ben",
    "Yuki", "Carlos", "Emma", "Ahmed", "Julia", "Marcus", "Lila", "Oscar", "Rosa", "Finn",
    "Mei", "Daniel", "Chiara", "Kwame", "Isla", "Hugo", "Tara", "Victor", "Nora", "Arjun",
    "Beth", "Theo", "Selin", "Malik", "Anya", "Pablo", "Ruth", "Jonas", "Keisha", "Ivan",
    "Clara", "Dev", "Freya", "Luis", "Naomi", "Ali", "Greta", "Sean", "Lucia", "Mo",
    "Erin", "Tariq", "Wen", "Paul", "Ada", "Rahul", "Jess", "Kofi", "Mila", "Owen",
)  # fmt: skip

LAST_NAMES = (
    "Ortega", "Nguyen", "Patel", "Kowalski", "Okafor", "Schmidt", "Rossi", "Haddad", "Lind",
    "Moreau", "Tanaka", "Silva", "Brennan", "Novak", "Mensah", "Fischer", "Costa", "Ali",
    "Park", "Dubois", "Iyer", "Walsh", "Jensen", "Reyes", "Kim", "Adeyemi", "Byrne", "Sato",
    "Horvat", "Lopez", "Weber", "Khan", "Murphy", "Santos", "Larsen", "Chen", "Bauer",
    "Greco", "Hughes", "Demir", "Ivanova", "Bello", "Novotny", "Quinn", "Ramos", "Stein",
    "Varga", "Yilmaz", "Abara", "Fontaine", "Gupta", "Holm", "Marsh", "Petrov", "Sousa",
)  # fmt: skip

HANDLE_WORDS = (
    "coffee", "runs", "reads", "codes", "bakes", "travels", "draws", "lifts", "films",
    "writes", "plays", "cooks", "hikes", "games", "makes", "sings", "rides", "shoots",
)  # fmt: skip

BIOS = (
    "Coffee nerd. Cyclist. Opinions my own.",
    "Dad of two | runner | bad puns",
    "Nurse. Night shifts run on caffeine.",
    "Product designer. Plants. Jazz.",
    "Teacher by day, gamer by night",
    "she/her · bookworm · tea > coffee (sometimes)",
    "Just here for the memes",
    "Software engineer. Building things that break.",
    "Food blogger | Riverside | DMs open for collabs",
    "Student. Broke. Always hungry.",
    "Small business owner 🌱",
    "Photographer. Dogs. Sunsets.",
    "Retired, finally. Gardening and grandkids.",
    "Marathoner in training 🏃",
    "Freelance writer. Deadline survivor.",
    "Remote worker, home office warrior",
    "Tech reviewer — honest takes only",
    "Mum, baker, chaos coordinator",
)

SPAMMER_BIOS = (
    "💰 Passive income coach 💰 Link below",
    "Crypto signals daily 🚀 100x gems",
    "Giveaways every day!! Follow + share",
    "Free followers ✔️ Growth hacks ✔️",
)

BOT_BIOS = ("Best deals aggregator. Automated.", "Daily coupons 24/7", "Deal alerts bot")

#: Self-promotion and spam under brand posts (repeats are expected).
SPAM = (
    "Check out my channel for free giveaways!!",
    "I make $500/day from home, DM me to learn how 💰",
    "Follow me for daily crypto signals 🚀🚀",
    "Free gift cards at my profile link, hurry!!",
    "Sub to my channel, I review gadgets every week!",
    "Want 10k followers? Check my bio 🔥",
    "Earn money with just your phone, link in bio",
    "Giveaway on my page!! Follow and share to win an iPhone",
)

#: Bots: one fixed text each, posted at a regular cadence.
BOT_TEXTS = (
    "🔥 Best deals here: dealhub.example/go 🔥",
    "Coupons updated! Save more at couponzone.example",
    "Deal alert ⚡ price drop tracker: pricebot.example",
    "Get cashback on every purchase ➡️ cashcow.example",
)

FOLLOWUPS = (
    "Still waiting on this...",
    "Any update?",
    "Hello? Anyone there?",
    "It's been {days} days and still nothing.",
    "Following up on this — no reply yet.",
    "Bumping this. Still no answer.",
    "Any news on this? I'm still stuck.",
    "{brand_short}? Anyone reading these?",
    "Third time asking. Is anybody there?",
    "Still no answer. Is this account even monitored?",
)

CHATTER = (
    "lol",
    "nice",
    "🔥🔥",
    "first!",
    "Who else is here on a {weekday}?",
    "Love the photo",
    "this is so me",
    "haha same",
    "Cool 👍",
    "Great video quality",
    "Anyone watching this from {city}?",
    "Happy {weekday} everyone",
    "The music in this one is great",
    "need this",
    "wait what",
)

PEER_POSITIVE = (
    "Totally agree.",
    "Good to know, thanks for posting.",
    "+1",
    "Same, it's my go-to now.",
    "Going there tomorrow because of this.",
    "Can confirm, it's great.",
)

PEER_NEGATIVE = (
    "Same here!",
    "Same problem for me since last week.",
    "Had the exact same experience.",
    "Ugh, sorry that happened to you.",
    "This is why I keep asking around before buying.",
    "Did they ever answer you?",
    "Mine was fine, weirdly.",
    "+1",
)

#: Decorations around audience texts (the generator picks none or one of each).
COMPLAINT_OPENERS = ("Ugh. ", "Seriously, ", "Not happy. ", "Hey, ", "Come on. ", "Hi, ")
COMPLAINT_ENDERS = (
    " Not great.",
    " Please sort this out.",
    " 😡",
    " 😞",
    " Really disappointed.",
    " Second time this month.",
    " I was already running late.",
    " Not what I expect from you.",
)
QUESTION_OPENERS = ("Hi! ", "Quick question: ", "Hey, ", "Hello, ", "Random question — ")
QUESTION_ENDERS = (" Thanks!", " Thanks in advance.", " 🙏", " Cheers.", "")
PRAISE_ENDERS = (" ❤️", " 🙌", " Keep it up!", " You made my day.", "", " 10/10.")
THANKS_ENDERS = (" 🙏", " ❤️", " Much appreciated.", "", " You're the best.")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

COMMON_SLOTS: dict[str, tuple[str, ...]] = {
    "weekday": WEEKDAYS,
    "city": ("Portland", "Riverside", "Denver", "Leeds", "Toronto", "Austin", "Dublin", "Lyon"),
    "days": ("2", "3", "4", "5", "6", "8"),
    "hours": ("3", "5", "8", "12", "24", "36"),
    "month": ("June", "July", "August"),
}
