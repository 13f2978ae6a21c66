"""Harbor Coffee: attentive, fast, personal. Replies quote the customer's issue back.

An entry is a template or ``(template, replies)``: the replies answer that exact template and
reuse its slots, so "my oat flat white arrived cold at the Elm St store" is answered with
"Oh no, Sam! Sorry your drink arrived cold at Elm St; that's not the oat flat white we want to
serve, so we've refunded it to your card just now.". Every reply is composed by the generator
from independently chosen parts (:data:`REPLY_FRAMES`): a varied opening with the name, the
body (the reply to that exact message, or one of :data:`REPLIES`), maybe a follow-up line and a
closing; ``[[a|b]]`` marks alternative wordings inside a part. So the replies read like a
person writing each one (few near-duplicates, see docs/demo.md), not like a template.
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
        "arrived cold", "came without a lid", "was burnt and bitter",
        "was made with dairy instead of oat", "came out after 25 minutes", "was half empty",
        "was missing from my mobile order", "arrived spilled all over the delivery bag",
    ),
    "fix": (
        "we've refunded it to your card just now",
        "we've refunded it and the next one is on us, just give your name at the counter",
        "I've flagged it with the shift lead and your next one is on us",
        "we've added a free drink credit to your app account",
        "we're refunding it now and I've flagged it with the morning team",
        "I've credited your app with two free drinks",
        "we've refunded you and passed it on to the store manager",
        "I've logged it with the store team and refunded the drink",
        "I've issued a full refund, no need to bring anything back",
        "we'll refund it today and the next two drinks are on us",
        "I've processed a refund and added a free pastry to your app",
        "we've credited the full amount back to your card",
    ),
    "beans": ("Ethiopia Guji", "Colombia Huila", "House Blend", "Decaf Swiss Water", "Kenya AA"),
    "method": ("V60", "French press", "AeroPress", "moka pot", "Chemex"),
    "barista": ("Marta", "Joe", "Keiko", "Andre", "Bea", "Tomasz"),
    "url": (
        "harbor.example/guides", "harbor.example/blog", "harbor.example/stories",
        "harbor.example/brew",
    ),
}  # fmt: skip
SLOTS["fix_cap"] = tuple(f[0].upper() + f[1:] for f in SLOTS["fix"])

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
     ("[[Yes, {store} has|{store} has|There's]] oat, almond and soy [[every day|all day|at {store} every day]], and [[you won't pay extra for oat|oat is no extra charge|there's no surcharge for any of them]].",
      "It does! [[Oat milk is always in the fridge|You'll always find oat in the fridge|Oat is on tap]] at {store}, [[and you can swap it into any drink at no cost|free of charge in any drink|at no extra cost]].",
      "{store} [[stocks|carries|always has]] oat, almond and soy; [[the baristas there like the oat best for flat whites|the oat steams best, if you ask the team|our favourite there is the oat in a cortado]].")),
    ("What time does {store} open on {weekday}s?",
     ("{store} [[opens at 6:30am|is open from 6:30am|starts serving at 6:30am]] on {weekday}s and [[closes at 7pm|stays open until 7pm|shuts at 7pm]].",
      "On {weekday}s [[you'll find {store} open|{store} is open|the doors at {store} are open]] from 6:30am [[until 7pm|to 7 in the evening|till 7pm]][[, and the first pastries are out by 7|. The quietest hour is 2 to 3pm|. Breakfast runs until 11|]].",
      "[[{weekday} hours|Hours on {weekday}|The {weekday} opening times]] at {store}: 6:30am to 7pm[[, same as weekdays|, and the kitchen closes at 5|. Mobile orders open at 6:15|]].")),
    ("What grind should I use for {beans} in a {method}?",
     ("For {beans} in a {method} [[go medium-fine|try medium-fine|start at medium-fine]], [[15g to 250ml|15g of coffee for 250ml of water|a 1:16 ratio]], [[water just off the boil|with water at about 94C|and let it bloom for 30 seconds]].",
      "You can start [[a bit finer than sea salt|around medium-fine|at setting 12 on most home grinders]] for {beans} in a {method}; [[if it tastes sour, go finer next time|if it's bitter, go a touch coarser|adjust one step at a time]].",
      "[[There's a {method} guide on our blog|Our {method} guide covers it|The blog has a full {method} walkthrough]], but [[the short version|in short|the quick answer]] for {beans} is medium-fine [[and a 1:16 ratio|with a three-minute brew|and fresh, filtered water]].")),
    ("Can I get the {product} decaf?",
     ("[[Any|Every]] {product} can be made with our Decaf Swiss Water beans, [[just ask at the counter|same price|no extra charge]][[, and it tastes just as good|. Most stores pull it on the second grinder|]].",
      "You can! [[A decaf {product} is no problem at all|Decaf works for the {product}|The {product} comes in decaf too]]; [[the Swiss Water decaf is available all day|we have decaf beans in every store|ask for it when you order]].")),
    ("Do you ship {beans} beans to {city}?",
     ("[[{beans} ships to {city}|We ship {beans} to {city}|Yes, {city} is in our delivery area for {beans}]] [[in 2-3 days|within three days|usually in two days]], [[roasted the day before it leaves|fresh from the roaster|with the roast date on the bag]].",
      "You can order {beans} to {city} [[from the web shop|online|through the app]]; [[it's roasted on Monday and Thursday|we roast twice a week|it's roasted to order]] and [[leaves the next morning|goes out the day after|ships within a day]].")),
    ("Are the cups at {store} compostable?",
     ("[[Cups and lids|Every cup, lid and sleeve|All the cups]] at {store} [[are compostable|go in the green bin|are plant-based and compostable]][[, and bringing your own cup gets you 25c off|. You can also borrow a ceramic mug if you stay in|. The straws are paper too|]].",
      "They are: [[the {store} cups|our cups at {store}|all the {store} takeaway cups]] [[are certified compostable|break down in a home compost|go to an industrial composter]][[, and there's 25c off when you bring your own|, lids included|]].")),
    ("Is there wifi at {store}? Looking for a place to work this week.",
     ("{store} has [[free wifi|fast, free wifi|free wifi with no time limit]] and [[outlets along the window bar|plugs at the big table at the back|sockets under most of the benches]][[. Quietest before 10am|. Mornings before 10 are calmest|. Nobody will rush you|]].",
      "You can work at {store} [[all day|as long as you like|from opening till close]]: [[there's wifi|the wifi is free|we have free wifi]] and [[outlets at the window bar|a long shared table|plenty of plugs]][[, and refills are half price|, and the afternoon is quiet|]].")),
    ("Do you have anything gluten-free at {store}?",
     ("[[The flourless chocolate cake and the oat bars|The oat bars and the flourless cake|Our oat bars and the chocolate torte]] at {store} are gluten-free[[ (shared kitchen though)|, but the kitchen is shared|; ask for the allergen sheet if you need it]].",
      "There are [[two gluten-free options|a couple of gluten-free treats|two things without gluten]] at {store}: [[the flourless chocolate cake and the oat bars|oat bars and a chocolate torte|the oat bars and a flourless brownie]][[, made in a shared kitchen|. The team can show you the allergen sheet|]].")),
    ("Is the {food} vegan?",
     ("[[Not yet|Sadly not|Unfortunately not]], the {food} has [[butter in it|butter and egg|dairy in it]]. [[The oat bars and the banana loaf are vegan though|You can get the banana loaf instead, it's fully vegan|The oat bars are vegan, and so is the banana loaf]]!",
      "The {food} isn't vegan right now ([[butter|it's made with butter|there's egg in it]]), but [[we're testing a vegan version this month|a vegan one is on the way|the bakers are working on a vegan recipe]].")),
    ("How long do your {beans} beans stay fresh after opening?",
     ("[[About three weeks at their best|Around three weeks|Three weeks or so]], [[in an airtight tin away from light|if you keep them sealed and out of the sun|stored airtight and away from heat]][[. The roast date is on every {beans} bag|. Skip the fridge, it picks up smells|]].",
      "You'll get the best out of {beans} [[within three weeks of opening|in the first three weeks|in two to four weeks after roasting]]; [[keep it sealed|an airtight tin helps|don't freeze it for daily use]][[, and grind just before brewing|, and check the roast date on the bag|]].")),
    ("Can I book the back room at {store} for a small meetup?",
     ("You can book the back room at {store} [[for up to 12 people|for groups of up to 12|for a dozen people]], [[free on weekday evenings|at no cost after 5pm|free of charge most evenings]][[; just ask the shift lead|, through the app|]].",
      "There's a back room at {store} [[for groups|that seats 12|with a big table]], and [[weekday evenings are usually open|it's free to book|you can reserve it in the app]][[. We can do a coffee urn too|. Snacks can be ordered ahead|]].")),
    ("Do you sell {beans} by the kilo?",
     ("{beans} comes in [[250g and 1kg bags|a 250g bag or a 1kg bag|two sizes, 250g and 1kg]], and the kilo is [[15% cheaper per cup|the better deal|cheaper per gram]][[. We grind it for you if you like|. It ships the day after roasting|]].",
      "You can get {beans} in a 1kg bag [[online or at any store|from the web shop|at the counter]]; [[we grind it for you if you like|it ships the day after roasting|it's resealable]].")),
    ("Is {store} dog friendly?",
     ("Dogs are welcome at {store}[[, and there's a water bowl by the door|, inside and on the terrace|, always]][[. The baristas keep biscuits behind the counter|. There's a hook for leads by the window|]].",
      "{store} is [[very dog friendly|happy to have dogs|a dog-friendly store]]; [[you can bring yours inside|the terrace is the favourite spot|there's a water bowl at the door]][[, and the staff love a visit|]].")),
)  # fmt: skip

COMPLAINT = (
    ("My {product} {problem} at the {store} store.",
     ("Sorry your drink {problem} at {store}; [[that's not the {product} we want to serve|a {product} should never leave the bar like that|that {product} should have been remade]], so {fix}.",
      "A {product} that {problem} [[is not okay|isn't good enough|is not what we stand for]], and I'm sorry you've had that at {store}. {fix_cap}.",
      "Sorry it wasn't the {product} you paid for [[at {store}|this time|at {store} today]]; {fix}.",
      "Sorry you've had a {product} that {problem}. {fix_cap}[[, and I've told the {store} team|, and the {store} shift lead knows|]].",
      "Sorry your order at {store} was a letdown[[ today| this morning|]]. {fix_cap}.")),
    ("Mobile order #{order} at {store}: the {food} was missing.",
     ("Sorry the {food} was missing from order #{order}. [[We've refunded it|I've refunded it|It's refunded]] and [[a fresh one is waiting at {store} whenever you pass by|the {store} team will set one aside for you|your next {food} is on us]].",
      "Sorry you've been left without your {food}! [[I've refunded it on order #{order}|Order #{order} is refunded in full|I've credited the {food} back]][[, and I've flagged the packing step at {store}|, and the {store} team is double-checking bags now|]].")),
    ("My {beans} subscription bag hasn't arrived and it's been {days} days.",
     ("Sorry you've been waiting {days} days for your {beans}; [[it was stuck at the depot|the courier lost it|it went to the wrong depot]], so [[we've sent a new one by express today|I've sent a replacement with tracking|a fresh bag leaves by express this afternoon]].",
      "Sorry it hasn't arrived[[, {days} days is far too long|, that's far too long|]]. [[I've sent a replacement {beans} bag|We've shipped a fresh {beans} bag|A new {beans} bag is on its way]] [[with tracking today|by express this morning|at no cost]].")),
    ("Waited 20 minutes at {store} this morning and the line didn't move. Only one barista on?",
     ("Sorry for the wait at {store}. [[We were short-staffed this morning|Two people called in sick|The rota was short today]], and [[20 minutes is too long|that's too long to stand in line|you shouldn't wait that long]]; [[a second barista is on the morning rush from tomorrow|I've passed it on so the rota is covered from tomorrow|we've added a second barista for the 8am rush]].",
      "Sorry you've had to wait 20 minutes. [[You're right, one barista isn't enough at 8am|That was a staffing gap on our side|There should have been two people on]][[, and I've flagged it with the {store} manager|, and the manager has fixed the rota|]].")),
    ("Charged twice for my {product} at {store} today.",
     ("Sorry about the double charge! [[I've reversed the second {product} charge|I've refunded the extra {product}|The second charge is refunded]] [[from {store}|at {store}|]], [[it'll show in 2-3 days|it should be back on your card by {weekday}|your bank will show it in a day or two]].",
      "Sorry you've been charged twice[[; the {store} terminal double-tapped| at {store}|]]. [[I've refunded the second {product} charge already|We've credited the extra {product} back|The duplicate is refunded]].")),
    ("The {store} store was closed at 7am but the app says it opens at 6:30.",
     ("Sorry for the wasted trip. {store} [[opened late today because of a burst pipe|had a plumbing problem this morning|couldn't open until 8 because of a leak]] and [[we should have posted it|the app should have said so|we didn't update the hours]]. [[App hours are fixed|I've fixed the app so it shows live hours|The app is corrected now]][[ and your next drink is on us|, and there's a free drink in your app|]].",
      "Sorry it wasn't open when the app said it would be[[, that's a wasted morning|, especially that early|]]. [[A leak kept {store} shut until 8|{store} had to close for a plumber|The {store} team couldn't get in until 8]], [[and I've fixed the app so it shows live hours|and the app now shows closures as they happen|and we'll post closures in the app from now on]][[; a free drink is in your account|. Your next coffee is on us|]].")),
    ("The {food} I got at {store} was stale. Not what I expect from you.",
     ("Sorry the {food} was stale. [[We've refunded it|I've refunded it|It's refunded]] and [[the {store} team is checking the morning delivery|I've flagged yesterday's batch with {store}|asked {store} to bake smaller batches through the day]].",
      "Sorry you've had a stale {food}[[; that's on us|, you expect better from us|]]. [[I've refunded it|The refund is done|We've credited it back]][[ and flagged the batch|, and {store} is changing how long pastries stay out|]].")),
    ("The app gave my {product} to someone else at {store}, had to wait for a new one.",
     ("Sorry your order went to someone else at {store}. [[I've refunded the {product}|The {product} is refunded|We've refunded that {product}]], and [[we're adding order numbers to the labels|I've told the {store} team to call out names and order numbers|I've flagged the mix-up with the shift lead]].",
      "Sorry you've been stuck waiting for a remade {product}[[ at {store}|]]. [[It's refunded|I've refunded it|We've credited it back]][[, and pickups there now get checked against the order number|, and the shift lead is changing how orders are called|]].")),
    ("The music at {store} is so loud I can't hear myself think.",
     ("Sorry the music at {store} was too loud. [[I've asked the team to keep it at background level|We've set a volume limit on the speakers there|I've passed it on to the store manager]][[, and you can always ask them to turn it down|]].",
      "Sorry you've had a noisy visit at {store}[[, that's no fun when you want to read|, especially if you came to work|]]. [[I've passed it on|The manager knows now|I've flagged it]] and [[we've set a volume limit on the speakers there|the playlist volume is capped from today|the team will keep it to background level]].")),
)  # fmt: skip

PRAISE = (
    ("Best {product} in town, the {store} crew is amazing",
     ("[[I'll pass that on to|I'm passing this straight to|I'll read this out to]] the {store} crew, [[they'll be thrilled|it'll make their week|they'll be grinning all shift]].",
      "The {store} crew will [[love hearing|be so happy to hear|blush reading]] that their {product} is [[the best in town|the best around|your favourite]].",
      "[[That goes straight on|This is going up on|We're pinning this to]] the staff board at {store}[[, next to the rota|, right by the espresso machine|]].",
      "Our {store} baristas [[work hard on that {product}|put a lot of care into every {product}|practise that {product} every morning]], so [[this means a lot|it's great to hear|this really counts]].")),
    ("The {product} at {store} this morning made my day",
     ("This made our day too! [[Thanks for coming by {store}|Lovely that you stopped at {store}|Come back to {store} soon]].",
      "A good {product} is [[the best start to a morning|how every day should start|a small daily joy]], [[glad {store} delivered|happy the {store} team got it right|and {store} does a good one]].",
      "So happy the {product} [[hit the spot|was just right|did its job]]; [[I'll tell the morning team at {store}|the {store} team will love this|I'll pass it on to {store}]].",
      "[[Mornings at {store}|The early shift at {store}|Our {store} mornings]] are [[better with regulars like you|more fun with you in the queue|all about people like you]].")),
    ("Your {method} guide changed my mornings. Thank you!",
     ("So glad the {method} guide helped! [[Next try it with {beans}|{beans} is a great next bag for it|Try a slightly finer grind next]].",
      "[[Love that|So good to hear|Brilliant that]] the {method} guide works for you[[. {beans} is a great next bag to try|; the next one covers milk drinks|]].",
      "The {method} guide was a team effort, [[I'll share this with the roasters|the roasters will love this|and this is the best feedback on it yet]].",
      "A {method} morning routine is [[the best kind|hard to beat|a great habit]]. [[If you want a new bean for it, try {beans}|{beans} shines in a {method}|Tell us which beans you're using]].")),
    ("{store} baristas remembered my order after one visit 😍",
     ("That's the {store} team for you! [[We'll tell them you said hi|I'll pass on your compliments|They'll be chuffed]].",
      "The {store} baristas are [[famous for that|known for it|proud of that]]; [[I'll let them know it made you smile|this will make their day|I'll show them this]].",
      "[[Remembering orders is a point of pride|Knowing our regulars is the whole point|Learning orders is {barista}'s superpower]] at {store}[[, see you there again soon|, so you're officially a regular|]].")),
    ("That {beans} is the best coffee I've had at home",
     ("{beans} is [[a favourite here too|the roasters' pick as well|what we drink at the roastery]]. [[Try it in a {method} next|It's also great as espresso|The next lot arrives on {weekday}]].",
      "[[High praise for|What a compliment for|Big love for]] {beans}! [[The roasters will be pleased|I'll tell the roasting team|The farmers deserve to hear that]].",
      "So glad {beans} [[works at home|tastes as good at home|made the trip home well]]; [[it shines in a {method} if you have one|keep it airtight and it stays great|grind it fresh for the best cup]].")),
    ("Cutest latte art at {store} today, a little swan 🦢",
     ("The swan is {barista}'s [[signature|speciality|party trick]] at {store}!",
      "{barista} at {store} [[has been practising that swan for weeks|spent a month on that swan|learned that swan from our trainer]], [[I'll show them this|they'll be delighted|this will make their day]].",
      "[[Latte art at {store} keeps getting better|The {store} team is getting good at this|Swans are the hardest pour]][[; the swan is the hardest one|, so this is a win|]].")),
    "Love this, thank you for sharing!",
    "This is great, saving it.",
    "Such a lovely story, thank you",
    "Great post, learned something new today",
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
     ("So glad you enjoyed the {product}! Come back for the {food} next time.",
      "A great {product} at {store} is the best kind of afternoon. Try the {food} with it next time.",
      "The {store} team will be happy to hear their {product} landed well.")),
    ("Working from Harbor Coffee {store} today, great vibes",
     ("Happy to have you at {store}! The window seats have the best light.",
      "{store} is a good place to get things done; the wifi is fastest at the back tables.",
      "Hope the work flows today! There's a refill discount at {store} if you stay past lunch.")),
    ("Harbor Coffee's {beans} is my new favourite",
     ("That makes us happy! Try {beans} in a {method} too.",
      "{beans} is a team favourite as well. It's lovely in a {method}.",
      "So glad {beans} won you over; the next roast is out on {weekday}.")),
    ("Harbor Coffee {store} was out of {food} again at 9am 😩",
     ("Sorry you've missed the {food} again. We've been underbaking at {store}, so we're doubling the {food} batch from tomorrow.",
      "Sorry the {food} was gone by 9. I've asked {store} to bake a second batch at 8:30, starting this week.",
      "Sorry about that! {store} has been selling out of {food} early, and we're baking twice as many from {weekday}.")),
)  # fmt: skip

QUOTE = (
    "This is why I love them 👇",
    "Highly recommend, their {product} is the best",
    "Saving this for the weekend",
    "Tried this yesterday, it works!",
)

#: Bodies of replies without a reply written for the exact message; each reply is composed
#: from a varied opening, one of these bodies, maybe a follow-up line and a closing
#: (:data:`REPLY_FRAMES`), so two replies rarely share most of their wording.
#: Bodies of replies without a reply written for the exact message; each reply is composed
#: from a varied opening, one of these bodies, maybe a follow-up line and a closing
#: (:data:`REPLY_FRAMES`), so two replies rarely share most of their wording.
REPLIES: dict[str, tuple[str, ...]] = {
    "praise": (
        "It's always [[nice|lovely|a treat]] to hear from you here.",
        "We [[loved making|had so much fun with|learned a lot making]] this one.",
        "The whole team worked on this [[post|one|story]], so it's lovely to see it land.",
        "If you try it at home, [[tell us how it turned out|send us a photo|we'd love to hear how it went]].",
        "There's a new [[post|guide|story]] like this on the blog every {weekday}.",
        "Next time you're at {store}, ask {barista} [[about it|for the full story|to show you]].",
        "{barista} will be [[so happy|thrilled|over the moon]] to read this.",
        "Comments like yours are why we keep [[writing these|making these|sharing these]].",
        "A kitchen scale is the best first step if you want to [[try it|give it a go|do it at home]].",
        "Happy it made your {weekday} a bit [[better|brighter|tastier]].",
        "Pass it on to a coffee friend if you [[liked it|enjoyed it|found it useful]].",
        "It's the one we keep [[rereading|coming back to|sharing with new staff]] too.",
        "A follow-up with {beans} is coming [[soon|next month|in a few weeks]].",
        "It took three tries to get those photos right, so this is [[nice|great|good]] to hear.",
        "The roasters read every comment, and this one made them [[grin|very happy|smile]].",
        "Hope you get to try it with a fresh bag of {beans}[[ soon| this week|]].",
        "This one started as a question from a customer at {store}[[, funnily enough|, so thanks to them too|]].",
        "We'll have a cup [[ready|waiting|on the bar]] for you at {store}.",
        "More stories from the farms are [[on the way|coming this autumn|in the works]].",
        "Your kind words are going on the fridge at the roastery[[, pride of place|]].",
    ),
    "thanks": (
        "Enjoy your [[visit to|time at|coffee at]] {store}!",
        "Say hi to the {store} crew [[from us|when you go|for us]].",
        "Hope the {product} is [[worth the trip|a good one|exactly what you wanted]].",
        "See you at {store} [[soon|this week|on {weekday}]].",
        "The {store} team will [[look after you|take good care of you|sort you out]].",
        "Happy brewing [[this weekend|at home|tomorrow morning]]!",
        "Glad that was [[useful|helpful|what you needed]].",
        "Enjoy the {product}[[, and the {food} if you're hungry| on {weekday}|]]!",
        "Ask for {barista} when you're in, [[they're the expert|they know everything about it|they'll help]].",
        "We're here whenever [[another question pops up|you need us|something comes up]].",
        "It was a pleasure, [[honestly|truly|always]].",
        "Have a lovely {weekday}[[ with your coffee|, whatever you're up to|]].",
        "Come back and tell us [[what you thought|how it went|if it worked]].",
        "Any time you wonder about [[coffee|beans|brewing]], we're around.",
        "Treat yourself to a {food} while you're [[there|at {store}|in]].",
        "That's what we're here for[[, really|]].",
        "Good luck with the [[new setup|new grinder|first brew]].",
        "Hope the first cup is a [[great|good|perfect]] one.",
    ),
    "thanks_fix": (
        "Thanks for giving us the chance to [[fix it|put it right|make it up to you]].",
        "Thank you for your patience [[with this|this morning|while we sorted it]].",
        "The next {product} will be a good one, [[promise|we'll make sure of it|I'll see to it]].",
        "We want every visit to {store} to be a good one[[, and that one wasn't|]].",
        "Thanks for telling us instead of just [[walking away|leaving it|putting up with it]].",
        "Hope the rest of your [[week|day|weekend]] is smoother.",
        "The {store} team [[felt bad about it too|was glad to hear it's sorted|sends their apologies as well]].",
        "It's sorted on our side, and we've [[learned from it|changed the checklist|talked it through with the team]].",
        "Glad we could [[put it right quickly|sort it fast|fix it today]].",
        "Your feedback already changed how the [[morning shift|weekend team|pickup counter]] works.",
        "See you at {store} for a better cup [[soon|this week|next time]].",
        "That's the least we could do after a [[morning|visit|start]] like that.",
        "We'll make the next one [[extra good|perfect|worth the wait]].",
        "Come say hi to {barista} next time, they'll [[look after you|make it right|take care of you]].",
        "Really glad the refund came through [[so fast|already|quickly]].",
        "Thanks for being so [[kind|patient|gracious]] about it.",
        "Sorry again for the trouble[[ this morning| at {store}|]].",
        "Sorry again that it happened at all.",
        "And sorry again about the {product}[[, it should have been right the first time|]].",
        "Sorry again, we'll make the next visit count.",
        "Again, sorry it went wrong in the first place.",
        "Sorry once more for the hassle[[, and thanks for your patience|]].",
    ),
    "annoyed": (
        "Sorry[[, that shouldn't happen| it's still not sorted|]]. Refunds take 2-3 days to show; if it's not there by {weekday} I'll chase it myself.",
        "Sorry you're still waiting on this. I've escalated it to the {store} manager and will update you here today.",
        "Sorry it hasn't shown up yet. I've checked and the refund left our side yesterday, so it should land by {weekday}.",
        "Sorry, twice is too many. I've raised it with the {store} manager, who is retraining the morning shift this week.",
        "Sorry it happened again[[ at {store}|]]. I've refunded it again and flagged your order so it can't slip through.",
        "Sorry about this[[, really|]]. I've passed it on to the area manager, and you'll get an update from me here by tonight.",
    ),
    "chatter": (
        "Ha, love it!",
        "Thanks for watching!",
        "This one made us laugh too.",
        "We see you!",
        "Best comment of the day.",
        "Right back at you.",
        "The team says hi!",
        "Same here, honestly.",
        "Glad you're here for it.",
        "You've got good taste.",
        "Noted, and seconded.",
        "We'll take that as a compliment.",
        "That's the spirit.",
        "Coffee first, everything else later.",
    ),
    "tag_friend": (
        "See you [[both|two]] soon!",
        "Bring them by {store}[[, first round's on us|, we'll be waiting|]]!",
        "The {product} is even better [[with company|shared|with a friend]].",
        "Save us a seat at {store}, we'll save you a {food}.",
        "Two {product}s [[coming right up|on the bar|ready when you are]].",
        "Sounds like a [[plan|great plan|date]] for {weekday}.",
        "[[Best kind of coffee date|Coffee dates are the best|Nothing beats a coffee catch-up]].",
        "Your friend has great taste in [[friends|coffee|cafés]].",
        "The {store} window table is perfect for two.",
        "Tell them {barista} makes the best [[one|{product}|flat white]].",
        "A friend who brings friends, [[we love it|our favourite kind|the best]].",
        "We'll have the {food} [[warm|ready|fresh]] for you.",
    ),
    "audience_post": (
        "Thanks for the [[shout|kind words|post]]!",
        "That's so nice to see in our [[feed|timeline|notifications]].",
        "Love seeing {store} [[in the wild|in your photos|out there]].",
        "You've made the {store} team's [[day|week|morning]].",
        "We're sharing this with the [[team|roasters|{store} crew]].",
        "Posts like this keep the roasters going[[, honestly|]].",
        "Hope you come back to {store} [[soon|this week|on {weekday}]].",
    ),
    "question": (
        "All our stores have it, every day.",
        "It's the same at every store, and you can check the app for the details.",
        "The baristas can walk you through it at any store.",
    ),
    "complaint": (
        "Sorry you've had that; it's not okay. {fix_cap}.",
        "Sorry it wasn't right. {fix_cap}.",
    ),
    "default": (
        "Thanks for this.",
        "Good to hear from you.",
        "Appreciate you stopping by.",
    ),
}

_OPEN_WARM = (
    "Thank you, {name}!", "Aw, thanks {name}!", "{name}, you're too kind!",
    "Oh, we love this, {name}!", "Thanks so much, {name}!", "{name}! This is lovely.",
    "Yay, {name}!", "Ha, {name}, thank you!", "Hello {name}!", "That's so nice to read, {name}.",
    "{name}, thank you for this!", "Many thanks, {name}.", "Oh {name}, this made us smile.",
    "Cheers, {name}!", "What a nice note, {name}.", "Thank you kindly, {name}!",
    "Hey {name}, thank you!", "Much appreciated, {name}!", "{name}, you made our {weekday}!",
    "Big thanks, {name}.", "Ahh, {name}, thank you!", "Lovely to hear, {name}!",
    "You're a star, {name}.", "Hi {name}!", "{name}, hello!", "Oh, hi {name}!",
    "Thanks a lot, {name}.", "{name}, this is the best.",
)  # fmt: skip
_CLOSE_WARM = (
    "☕", "See you soon!", "Have a great {weekday}!", "Enjoy the rest of your day.",
    "Say hi next time you're in!", "Come by for a refill soon.", "Take care!",
    "Happy sipping!", "Hope to see you at {store} soon.", "All the best from the roastery.",
    "Until next time!", "Stay cosy!", "Have a lovely week.", "Speak soon!",
    "Big hugs from the team.", "Enjoy the sunshine today!", "Come say hi to {barista} sometime.",
    "We're always happy to hear from you.", "Thanks for being a regular.",
    "Keep the comments coming!", "Have fun brewing.", "Give the {food} a go next time.",
    "Enjoy your {weekday}!", "Wishing you a calm week.",
)  # fmt: skip
_OPEN_HELP = (
    "Good question, {name}!", "Hi {name}!", "Great question, {name}.", "Happy to help, {name}!",
    "Sure thing, {name}.", "Thanks for asking, {name}!", "Hey {name}, good one.",
    "{name}, here's the answer:", "Hello {name}!", "Of course, {name}!", "Ooh, good one, {name}.",
    "Hi {name}, glad you asked.", "Morning {name}!", "Quick answer, {name}:",
    "Hi there, {name}!", "Thanks for the question, {name}.", "Glad you asked, {name}!",
    "{name}, good to hear from you.", "Let me help with that, {name}.", "Hey {name}!",
    "{name}, thanks for checking.", "Hi {name}, thanks for asking first.",
)  # fmt: skip
_EXTRA_HELP = (
    "Ask for {barista} if you'd like a recommendation.",
    "If you're curious, the seasonal menu changes on {weekday}.",
    "If you're there before 8, the {food} is still warm.",
    "You can check live stock for every store in the app as well.",
    "Our {method} guide has more detail if you want it.",
    "You'll find parking round the back at most stores.",
    "If you bring your own cup, you get 25c off.",
    "The baristas are happy to make it however you like.",
    "New {beans} roasts land every {weekday}.",
    "You can find more tips like this on the blog.",
    "You can use the loyalty stamp card there too.",
    "Most stores have a quiet corner upstairs as well.",
    "If it's busy, you can order ahead in the app.",
    "You'll get a free refill if you stay in.",
)  # fmt: skip
_CLOSE_HELP = (
    "Hope that helps!", "Enjoy!", "See you there!", "Have a good {weekday}!",
    "Any other questions, ask away.", "Happy brewing!", "Hope to see you soon.",
    "Enjoy your visit!", "Cheers!", "Take care.", "Have fun!", "Hope you love it.",
    "Come say hi when you're in.", "Happy to answer more.", "Good luck with it!",
    "We'll see you soon.", "Stay caffeinated!", "That's all there is to it.",
)  # fmt: skip
_OPEN_SORRY = (
    "Oh no, {name}!", "{name}, I'm so sorry.", "Ugh, {name}, sorry about this.",
    "Really sorry, {name}.", "Oh {name}, that's not the morning you wanted.",
    "We hate hearing this, {name}.", "Thanks for telling us, {name}, and sorry.",
    "{name}, you deserved better.", "That's on us, {name}.", "Apologies, {name}!",
    "{name}, that's not okay.", "Hi {name}, I'm really sorry.", "Oh dear, {name}.",
    "Not good at all, {name}.", "So sorry, {name}!", "{name}, thank you for flagging this.",
    "Ah no, {name}.", "{name}, that's not how it should go.",
    "We've let you down here, {name}.", "Honestly, {name}, that shouldn't happen.",
    "Yikes, {name}!", "Argh, {name}.", "{name}, I'm sorry about this one.",
    "Hi {name}, thanks for letting us know.",
)  # fmt: skip
_EXTRA_SORRY = (
    "I've also shared it with {barista}, who trains the baristas there.",
    "We'll look at what went wrong on that shift.",
    "It's the first time we've heard of this there, so thank you for flagging it.",
    "I've noted it on your account so the team knows.",
    "You shouldn't have to chase us for this.",
    "We'll keep a close eye on it this week.",
    "I'll check in with the store again tomorrow.",
    "The store manager will hear about it today.",
    "No need to keep the receipt, it's all done on our side.",
    "I've added a note for the {weekday} team too.",
    "We're going through the checklist with the team so it doesn't repeat.",
    "If anything else is off, just reply here and I'll pick it up.",
)  # fmt: skip
_CLOSE_SORRY = (
    "Thanks for your patience.", "Hope the next one is perfect.", "Sorry again.",
    "Thanks for letting us know.", "We'll do better.", "See you soon, we hope.",
    "Thank you for bearing with us.", "Take care.", "Hope the rest of your day is kinder.",
    "Again, sorry for the hassle.", "Thanks for giving us the chance to fix it.",
    "We owe you one.", "Hope it's much better next time.", "Appreciate you telling us.",
    "Thanks for sticking with us.", "Really sorry once more.",
)  # fmt: skip
_OPEN_NEUTRAL = (
    "Hi {name}!", "{name}!", "Hey {name},", "Thanks for posting, {name}.", "Hello {name},",
    "Oh, {name}!", "{name}, hi!", "Hi there {name},", "Good to see this, {name}.",
    "Morning, {name}!", "{name}, thanks for the tag.", "Hey there, {name}!",
)  # fmt: skip

_EXTRA_WARM = (
    "{barista} says hi, by the way.", "The {food} is fresh out of the oven today, if you're near.",
    "We've got a new {beans} roast landing on {weekday}.", "The whole team read this one.",
    "It's the little things that make the job fun.", "Your name came up at the team meeting, in a good way.",
    "We're printing this one for the staff room.", "There's a stamp card waiting for you at {store}.",
    "The {store} crew will hear about this today.", "Honestly, notes like this keep us going.",
    "We shared your message with the whole team straight away.", "Next {product} is on us, just mention this.",
)  # fmt: skip
_WARM = {"open": _OPEN_WARM, "extra": _EXTRA_WARM, "close": _CLOSE_WARM, "p_extra": 0.35,
         "p_close": 0.6}  # fmt: skip
#: How each category's replies are composed (see ``_Brand.compose`` in the generator).
REPLY_FRAMES: dict[str, dict] = {
    "question": {"open": _OPEN_HELP, "extra": _EXTRA_HELP, "close": _CLOSE_HELP,
                 "p_extra": 0.55, "p_close": 0.6},
    "complaint": {"open": _OPEN_SORRY, "extra": _EXTRA_SORRY, "close": _CLOSE_SORRY,
                  "p_extra": 0.5, "p_close": 0.6},
    "annoyed": {"open": _OPEN_SORRY, "extra": _EXTRA_SORRY, "close": _CLOSE_SORRY,
                "p_extra": 0.3, "p_close": 0.5},
    "audience_post": {"open": _OPEN_NEUTRAL, "close": _CLOSE_WARM, "p_close": 0.6},
    "praise": _WARM,
    "thanks": _WARM,
    "thanks_fix": _WARM,
    "chatter": {"open": _OPEN_WARM, "close": _CLOSE_WARM, "p_close": 0.4},
    "tag_friend": {"open": _OPEN_NEUTRAL, "close": _CLOSE_WARM, "p_close": 0.4},
    "default": _WARM,
}  # fmt: skip

#: Opening when answering a follow-up the brand missed the first time.
FOLLOWUP_OPEN = (
    "Sorry for the slow reply, {name}!", "Apologies for the wait, {name}.",
    "Sorry we missed this, {name}!", "So sorry this slipped past us, {name}.",
    "{name}, sorry for the delay here.", "Sorry it took us a day, {name}.",
    "Apologies, {name}, this got buried.", "Sorry for making you wait, {name}.",
)  # fmt: skip

#: The brand coming back on its own after fixing something (composed like a reply).
CHECKIN = (
    "Just checking in: is everything sorted now?",
    "Following up: all good since yesterday? Tell us here if not.",
    "Hope your next visit to {store} was better!",
    "Did the refund show up on your side?",
    "Wanted to make sure the {product} was right this time.",
    "Has the app been behaving since yesterday?",
    "Quick check: did the {store} team look after you today?",
    "Is everything back to normal now?",
)
CHECKIN_FRAME = {
    "open": ("Hi {name},", "Hey {name}!", "{name}, hello again.", "Morning {name}!",
             "Hi again, {name}.", "{name}, quick one."),
    "close": ("No rush to answer.", "Hope your week is going well.", "Thanks again for telling us.",
              "Have a good day!"),
    "p_close": 0.5,
}  # fmt: skip

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
    "reply_frames": REPLY_FRAMES,
    "followup_open": FOLLOWUP_OPEN,
    "checkin": CHECKIN,
    "checkin_frame": CHECKIN_FRAME,
}
