"""A labelled set of reader comments for the spam classifier: (name, email, text).

Written for these tests, in the voice of readers of a local and national news site.
Some are deliberately hard: readers who mention money, crypto or links for good
reasons, and spam with no link, or dressed up as praise.
"""

HAM = [
    (
        "Mara Quinlan",
        "mara.q@example.org",
        "The council should have published the flood survey before the vote, not after. We deserve to see the evidence.",
    ),
    (
        "Dev Patel",
        "dev.patel@example.net",
        "I've lived on Millrace Lane for twenty years and the water has never come up this far. Something changed upstream.",
    ),
    (
        "Ingrid Solberg",
        "ingrid@example.com",
        "Thank you for explaining the budget in plain numbers. Most coverage just quoted both sides.",
    ),
    (
        "Tomás Ruiz",
        "truiz@example.org",
        "Does anyone know if the consultation closes on Friday or on Monday? The leaflet says one thing and the website another.",
    ),
    (
        "Amara Okafor",
        "amara.okafor@example.net",
        "The headline says the plan was approved, but the article says it was only sent to committee. Which is it?",
    ),
    (
        "Hiroshi Tanaka",
        "h.tanaka@example.com",
        "Good to see the paper covering the school buses again. My daughter waited forty minutes in the rain on Tuesday.",
    ),
    (
        "Jo Whitfield",
        "jo.w@example.org",
        "As a nurse at the district hospital I can confirm the staffing numbers quoted here are, if anything, optimistic.",
    ),
    (
        "Lena Fischer",
        "lena.fischer@example.net",
        "Interesting piece, though I wish you'd spoken to someone from the fishing cooperative as well.",
    ),
    (
        "Sam Okoye",
        "sokoye@example.com",
        "The map in the second graphic is really helpful. Could you add the new bus routes to it?",
    ),
    (
        "Priya Raman",
        "priya.raman@example.org",
        "My grandmother remembers the 1953 flood. She says the sea wall then was built in eight months. Why does this one take six years?",
    ),
    (
        "Ben Carter",
        "bcarter@example.net",
        "I disagree with the columnist. Raising parking fees in the centre will just push shoppers to the retail park.",
    ),
    (
        "Ewa Nowak",
        "ewa.nowak@example.com",
        "For context, the full report is on the council's site: https://www.gov.uk/government/publications",
    ),
    (
        "Olu Adeyemi",
        "olu.a@example.org",
        "This is the third article this month about potholes and nothing has been fixed on Station Road.",
    ),
    (
        "Claire Dubois",
        "claire.d@example.net",
        "Brilliant interview. The mayor actually answered the question for once.",
    ),
    (
        "Rafael Costa",
        "rcosta@example.com",
        "The photo caption says Northgate but that's clearly the bridge at Eastfield.",
    ),
    (
        "Nadia Haddad",
        "nadia.h@example.org",
        "Could the paper follow up on what happened to the money raised for the playground? Residents raised £12,000 last year.",
    ),
    (
        "George Mills",
        "gmills@example.net",
        "I was at the meeting. The vote was 7 to 5, not 8 to 4 as reported.",
    ),
    (
        "Yuki Sato",
        "yuki.sato@example.com",
        "The library cuts will hit the people who can least afford to buy books or internet access.",
    ),
    (
        "Fatima Zahra",
        "fzahra@example.org",
        "Well written, but the comparison with Leeds doesn't work: their population is ten times ours.",
    ),
    (
        "Owen Price",
        "oprice@example.net",
        "My energy bill went from £90 to £210 a month. The article's average figure seems low for older houses.",
    ),
    (
        "Hannah Levi",
        "hannah.levi@example.com",
        "Thanks for correcting the date in the earlier version. Appreciate the transparency.",
    ),
    (
        "Marco Bianchi",
        "mbianchi@example.org",
        "The football club's new stadium will bring traffic chaos every other Saturday unless they add a park and ride.",
    ),
    (
        "Aisha Bello",
        "aisha.bello@example.net",
        "Our street flooded again last night. The drains were cleared in March and already blocked.",
    ),
    (
        "Tom Evans",
        "tevans@example.com",
        "Could you explain what the 'levelling up' money can actually be spent on? It seems very restricted.",
    ),
    (
        "Sofia Lindqvist",
        "sofia.l@example.org",
        "I teach at the primary school mentioned. The roof has leaked for two winters now. Parents have written to the council three times.",
    ),
    (
        "Kwame Mensah",
        "kmensah@example.net",
        "Bitcoin mining in the old mill? Is that even allowed under the current planning rules? The noise alone would be a problem.",
    ),
    (
        "Lucy Grant",
        "lucy.grant@example.com",
        "The cycling lane on Hill Street is great on paper, but it ends at the worst junction in town.",
    ),
    (
        "Ahmed Farouk",
        "afarouk@example.org",
        "Fair report. I would add that the opposition voted for the same scheme in 2019.",
    ),
    (
        "Isla Morrison",
        "isla.m@example.net",
        "Anyone else notice that the new bins are too big for terraced houses? There's nowhere to put them.",
    ),
    (
        "Pavel Novak",
        "pnovak@example.com",
        "Is there a way to watch the council meeting online? I work shifts and can't attend.",
    ),
    (
        "Grace Kim",
        "grace.kim@example.org",
        "The free school meals figure is shocking. One in four children in our ward.",
    ),
    (
        "Daniel Murphy",
        "dmurphy@example.net",
        "I don't usually comment but this story about the lifeboat crew made my day. Thank you to all the volunteers.",
    ),
    (
        "Zara Ali",
        "zara.ali@example.com",
        "The article could mention that the bridge is a listed structure, which is why repairs take so long.",
    ),
    (
        "Chris Walker",
        "cwalker@example.org",
        "Prices at the market have doubled. Stallholders say the rent increase is to blame, not the traders.",
    ),
    (
        "Elena Petrova",
        "elena.p@example.net",
        "The pharmacy closing is a real blow for older residents without cars. The nearest one is now four miles away.",
    ),
    (
        "Jack Thompson",
        "jthompson@example.com",
        "Great to see local journalism holding the developers to account. Keep going.",
    ),
    (
        "Mei Chen",
        "mei.chen@example.org",
        "Small correction: the harbour master's name is spelled Ellison, with two Ls.",
    ),
    (
        "Ravi Shah",
        "ravi.shah@example.net",
        "I'd like to know how many of the new homes will be genuinely affordable, not 80 percent of market rent.",
    ),
    (
        "Laura Scott",
        "lscott@example.com",
        "The quote from the resident sums it up: we were told to wait, and we have waited for ten years.",
    ),
    (
        "Ibrahim Diallo",
        "idiallo@example.org",
        "My son's school just cancelled swimming lessons because the pool is closed. Is there any plan to reopen it?",
    ),
    (
        "Megan Hughes",
        "mhughes@example.net",
        "Appreciated the explainer on how the ward boundaries changed. I had no idea I was voting in a different ward now.",
    ),
    (
        "Luis Fernández",
        "lfernandez@example.com",
        "The bus company says drivers are short, but they cut wages last year. Hardly a mystery.",
    ),
    (
        "Anna Kowalski",
        "akowalski@example.org",
        "A balanced piece, though the headline is more alarming than the facts in it.",
    ),
    (
        "Noah Bennett",
        "nbennett@example.net",
        "Where can I find the list of streets in the new parking zone? The link in the article is broken.",
    ),
    (
        "Chloe Martin",
        "chloe.martin@example.com",
        "The storm warnings were accurate this time. Credit where it's due to the forecasters.",
    ),
    (
        "Victor Almeida",
        "valmeida@example.org",
        "I run a small café on the high street. Footfall is down a third since the road closure started.",
    ),
    (
        "Sara Johansson",
        "sara.j@example.net",
        "Why are the minutes of the planning committee published so late? It makes it impossible to object in time.",
    ),
    (
        "Femi Adebayo",
        "fadebayo@example.com",
        "The youth club was the only safe place for many teenagers here. Closing it will cost more in the long run.",
    ),
    (
        "Rachel Green",
        "rgreen@example.org",
        "Is the water safe to drink after the flooding? The article doesn't say.",
    ),
    (
        "Hassan Karimi",
        "hkarimi@example.net",
        "I worked on the original sea wall in the 1980s. The design was meant to last fifty years, so this is no surprise.",
    ),
    (
        "Emily Watson",
        "ewatson@example.com",
        "Loved the photo essay on the harbour at dawn. More of this please.",
    ),
    (
        "Arjun Mehta",
        "amehta@example.org",
        "The crypto scam story is important. My father lost savings to a fake investment site last year. Please keep warning people.",
    ),
    (
        "Olivia Brown",
        "obrown@example.net",
        "Can we have the candidates' answers side by side before the election? It would help undecided voters.",
    ),
    (
        "Kenji Watanabe",
        "kwatanabe@example.com",
        "The hospital car park charges are a disgrace. Staff pay to park at their own workplace.",
    ),
    (
        "Maria Silva",
        "msilva@example.org",
        "The recycling figures don't add up: the council says 60 percent, but the contractor's report says 41.",
    ),
    (
        "Patrick O'Brien",
        "pobrien@example.net",
        "I was one of the volunteers clearing the beach on Saturday. Over 300 kilos of plastic in two hours.",
    ),
    (
        "Leila Nasser",
        "lnasser@example.com",
        "This article should be free to read. Public safety information shouldn't be behind a paywall.",
    ),
    (
        "William Clarke",
        "wclarke@example.org",
        "Good piece. The tram extension has been promised in three manifestos now.",
    ),
    (
        "Ayesha Rahman",
        "arahman@example.net",
        "The new crossing outside the school was installed quickly after your report. Thank you.",
    ),
    (
        "Stefan Weber",
        "sweber@example.com",
        "The interview with the farmer was moving. People forget how much of our food comes from a few valleys.",
    ),
    (
        "Naomi Clarke",
        "nclarke@example.org",
        "The graphic showing rainfall by month is wrong for September; it shows the 2022 figure.",
    ),
    (
        "Joseph Kariuki",
        "jkariuki@example.net",
        "As a taxi driver I can tell you the one-way system change has made journeys longer, not shorter.",
    ),
    (
        "Charlotte Reid",
        "creid@example.com",
        "Please could you include the phone number for the flood line in the article? Not everyone has internet.",
    ),
    (
        "Mohammed Iqbal",
        "miqbal@example.org",
        "I run the food bank. Demand is up 40 percent on last winter. Donations of tinned fish and nappies are most needed.",
    ),
    (
        "Julia Novak",
        "jnovak@example.net",
        "Finally someone asked why the tender went to a company registered last month.",
    ),
    (
        "Ethan Cooper",
        "ecooper@example.com",
        "I think both sides have a point. The wall protects homes, but the beach will disappear.",
    ),
    (
        "Amelia Turner",
        "aturner@example.org",
        "The old swimming baths are a beautiful building. I hope they can be saved rather than demolished.",
    ),
    (
        "Tariq Hussain",
        "thussain@example.net",
        "The minister visited for one hour and left before the residents' meeting. That says it all.",
    ),
    (
        "Isabelle Moreau",
        "imoreau@example.com",
        "A useful summary. For anyone who wants the detail, the Environment Agency data is here: https://environment.data.gov.uk",
    ),
    (
        "Lukas Schmidt",
        "lschmidt@example.org",
        "How much did the consultants' report cost? That seems a fair question given the budget cuts.",
    ),
    (
        "Chiara Russo",
        "crusso@example.net",
        "I love this town but the lack of public toilets on the seafront is embarrassing in summer.",
    ),
    (
        "Benjamin Wright",
        "bwright@example.com",
        "The article says house prices rose 8 percent but the land registry shows 3 percent for our postcode.",
    ),
    (
        "Ngozi Eze",
        "ngozi.eze@example.org",
        "Thank you for covering the new mosque opening. It was a lovely community day and everyone was welcome.",
    ),
    (
        "Harry Collins",
        "hcollins@example.net",
        "I remember when this paper had an office on the high street. Glad you're still reporting on the town.",
    ),
    (
        "Sienna Ward",
        "sward@example.com",
        "The bypass will save ten minutes, but at the cost of the last ancient woodland in the district. Not worth it.",
    ),
    (
        "Adam Kaczmarek",
        "akaczmarek@example.org",
        "Where do I report a blocked drain? The council site sends me in circles.",
    ),
    (
        "Ruby Hall",
        "rhall@example.net",
        "My son has been on the waiting list for a dentist for two years. This problem deserves more coverage.",
    ),
    (
        "Theo Fischer",
        "tfischer@example.com",
        "Sensible analysis. The interest rate rise will hit first-time buyers hardest, as you say.",
    ),
    (
        "Layla Abbas",
        "labbas@example.org",
        "The festival was wonderful this year. Thanks to the organisers and the volunteers who cleaned up.",
    ),
    (
        "Oscar Lindberg",
        "olindberg@example.net",
        "Why was the public footpath closed without notice? Walkers have used it for a century.",
    ),
    (
        "Fiona Campbell",
        "fcampbell@example.com",
        "Could you look into why trains from the coast are cancelled so often on Sundays?",
    ),
    (
        "Nikhil Rao",
        "nrao@example.org",
        "I'm a pharmacist and the medicine shortages described here match what we see every week.",
    ),
    (
        "Eva Horvath",
        "ehorvath@example.net",
        "Your reporter got the name of the street right but the house number wrong. Minor, but worth fixing.",
    ),
    (
        "Samuel Osei",
        "sosei@example.com",
        "The scholarship fund is a great initiative. Where can local businesses donate?",
    ),
    (
        "Grace O'Neill",
        "goneill@example.org",
        "Thank you for not naming the child. Some outlets did, and it was cruel.",
    ),
    (
        "Ali Demir",
        "ademir@example.net",
        "The shipyard closing would take 800 jobs. The article should say what the union is asking for.",
    ),
    (
        "Poppy Edwards",
        "pedwards@example.com",
        "We need more stories like this about people doing good things quietly.",
    ),
    (
        "Martin Král",
        "mkral@example.org",
        "Is the referendum binding or advisory? It makes a big difference and the article doesn't say.",
    ),
    (
        "Aaliyah Johnson",
        "ajohnson@example.net",
        "Lovely obituary. Mr Harding taught me chemistry and was the kindest teacher in the school.",
    ),
    (
        "Finn Murray",
        "fmurray@example.com",
        "The figures for knife crime are down, which is good news that rarely gets reported.",
    ),
    (
        "Rosa Martínez",
        "rmartinez@example.org",
        "I appreciate that you included the council's full response rather than one line from it.",
    ),
    (
        "Umar Siddiqui",
        "usiddiqui@example.net",
        "The heat pump grant is £7,500, but the installation quote I got was £14,000. Still out of reach for most.",
    ),
    (
        "Beatrice Lowe",
        "blowe@example.com",
        "The article's last paragraph contradicts the first one about when the works begin.",
    ),
    (
        "Callum Fraser",
        "cfraser@example.org",
        "Can anyone recommend a good local history book about the harbour? This piece made me curious.",
    ),
    (
        "Divya Nair",
        "dnair@example.net",
        "Please ask the health board why the walk-in centre closes at 6pm. Most people work until then.",
    ),
    (
        "Gabriel Rossi",
        "grossi@example.com",
        "The storm damage to the pier is heartbreaking. I hope the lottery fund steps in.",
    ),
    (
        "Holly Barnes",
        "hbarnes@example.org",
        "The recipe column is the first thing I read each week. Today's soup was excellent.",
    ),
    (
        "Jamal Wright",
        "jwright@example.net",
        "I don't trust the survey. 200 people isn't enough to speak for a town of 60,000.",
    ),
    (
        "Keira Doyle",
        "kdoyle@example.com",
        "Well done to the girls' football team. Great to see them on the front page.",
    ),
    (
        "Leo Hartmann",
        "lhartmann@example.org",
        "The council's own website says the consultation ends on the 14th, not the 12th.",
    ),
    (
        "Maya Patel",
        "maya.patel@example.net",
        "A friend sent me this. Really clear on what the new recycling rules mean for flats.",
    ),
    (
        "Nathan Price",
        "nprice@example.com",
        "The photo of the flooded church is incredible. Who took it?",
    ),
    (
        "Orla Byrne",
        "obyrne@example.org",
        "I think the paper is being unfair to the teachers here. They didn't choose the cuts.",
    ),
    (
        "Reza Tehrani",
        "rtehrani@example.net",
        "The investment the article mentions is a loan, not a grant. Big difference for the ratepayers.",
    ),
    (
        "Skye Mitchell",
        "smitchell@example.com",
        "Please keep covering the river pollution. The water company has ignored us for years.",
    ),
    (
        "Tobias Berg",
        "tberg@example.org",
        "The old railway line would make a perfect cycle path. Other towns have done exactly that.",
    ),
    (
        "Uma Krishnan",
        "ukrishnan@example.net",
        "Excellent investigation. How long did it take to get the documents through freedom of information?",
    ),
    (
        "Wes Jordan",
        "wjordan@example.com",
        "Cheap parking would bring people back to the town centre. Free after 3pm worked in the next town.",
    ),
    (
        "Xena Papadopoulos",
        "xpapa@example.org",
        "The earthquake appeal raised a lot here. Could you report on how the money reached people?",
    ),
    (
        "Yusuf Kaya",
        "ykaya@example.net",
        "Thank you for including the number for the crisis line at the end of the article.",
    ),
]

SPAM = [
    (
        "Best SEO Services",
        "seo@rankfast.biz",
        "Great article! We offer professional SEO services to boost your ranking on Google. Visit https://rankfast.biz for a free audit today!",
    ),
    (
        "Crypto King",
        "profits@coinsurge.io",
        "I made $5,000 in one week with this trading bot!!! Join now at https://coinsurge.io and start earning passive income.",
    ),
    (
        "Linda",
        "linda.loans@quickcashnow.co",
        "Need money fast? Get instant payday loans with no credit check. Apply online in 5 minutes at https://quickcashnow.co",
    ),
    (
        "Cheap Meds Online",
        "sales@pharma-direct.shop",
        "Buy cheap viagra and cialis online without prescription. Fast discreet worldwide shipping. https://pharma-direct.shop",
    ),
    (
        "Jessica",
        "jessica.home@workfromhome.live",
        "I earn $85 an hour working from home on my laptop. My neighbour showed me this and I never looked back. Check it out: https://workfromhome.live",
    ),
    (
        "Casino Bonus",
        "bonus@spinwin.bet",
        "Get 200 free spins and a 500% welcome bonus at the best online casino! Sign up at https://spinwin.bet",
    ),
    (
        "Mark Thompson",
        "mark@fastfollowers.net",
        "Buy Instagram followers and likes cheap! Real accounts, instant delivery. https://fastfollowers.net",
    ),
    (
        "Hot Singles",
        "meet@hotdates.club",
        "Lonely? Hot singles in your area want to meet you tonight. Click here: https://hotdates.club",
    ),
    (
        "Essay Writer",
        "help@essaypro.help",
        "Need help with your essay? Our professional writers deliver plagiarism-free papers in 24 hours. Order now https://essaypro.help",
    ),
    (
        "Forex Expert",
        "signals@forexgold.pro",
        "Forex trading signals with 98% accuracy! Double your money every month. Join our VIP group https://forexgold.pro",
    ),
    (
        "Weight Loss Secret",
        "slim@ketoburn.store",
        "Lose 20 pounds in 2 weeks with this one weird trick doctors hate! Order keto pills now https://ketoburn.store",
    ),
    (
        "Replica Watches",
        "info@luxreplica.shop",
        "High quality replica Rolex watches at 90% off. Free shipping worldwide. https://luxreplica.shop",
    ),
    (
        "Loan Officer",
        "approve@easyloan.money",
        "Guaranteed loan approval up to $50,000 even with bad credit. Low interest rates. Contact us today https://easyloan.money",
    ),
    (
        "Anna",
        "anna@bitprofit.xyz",
        "Thanks for sharing! By the way I invested $300 in bitcoin with Mr James and got $12,000 back in 7 days. Contact him on WhatsApp +1 555 0100",
    ),
    (
        "Dr Oduya",
        "droduya.spells@example.biz",
        "Is your lover gone? Dr Oduya's powerful love spells bring back your ex in 24 hours. Email droduya.spells@example.biz now",
    ),
    (
        "Web Design Pro",
        "hello@cheapsites.agency",
        "Your website could look much better. We build stunning websites for just $199. Get a quote https://cheapsites.agency",
    ),
    (
        "Backlinks Cheap",
        "links@linkfarm.biz",
        "High DA backlinks for sale! Boost your domain authority fast. 1000 backlinks for $49 https://linkfarm.biz",
    ),
    (
        "Free iPhone",
        "win@prizeclaim.top",
        "Congratulations! You have been selected to win a FREE iPhone 15. Claim your prize now: https://prizeclaim.top",
    ),
    (
        "Sarah Miller",
        "sarah@cashfromhome.site",
        "My aunt makes $9,000 a month from home with Google. Go to this site for more details https://cashfromhome.site",
    ),
    (
        "Binary Options",
        "trade@optionsrich.io",
        "Make money online with binary options trading. Minimum deposit $250, guaranteed returns! https://optionsrich.io",
    ),
    (
        "Casino Bonus",
        "vip@luckyslots.bet",
        "Play slots and win real money! Exclusive no deposit bonus code for readers: WIN500 at https://luckyslots.bet",
    ),
    (
        "Kevin",
        "kevin@nftdrops.app",
        "Free NFT airdrop for the first 1000 users! Connect your wallet now at https://nftdrops.app to claim",
    ),
    (
        "Mike Johnson",
        "mike@traffic4u.biz",
        "Want more traffic to your website? We send 10,000 targeted visitors for only $29. https://traffic4u.biz",
    ),
    (
        "Pharmacy Deals",
        "orders@medsnoscript.shop",
        "Order tramadol, xanax and oxycodone online without prescription. Overnight delivery https://medsnoscript.shop",
    ),
    (
        "Recovery Expert",
        "recover@fundsback.help",
        "Lost money to a crypto scam? We recover stolen funds 100% guaranteed. Contact recovery experts at https://fundsback.help",
    ),
    (
        "Emma",
        "emma@dating4u.love",
        "Hi, I'm Emma, I saw your profile and want to chat. See my photos here https://dating4u.love",
    ),
    (
        "Credit Repair",
        "fix@creditfixnow.co",
        "Fix your credit score in 30 days! Remove bad items from your report. Free consultation https://creditfixnow.co",
    ),
    (
        "Gold Investment",
        "invest@goldreturns.biz",
        "Invest in gold with 300% annual returns. Limited slots available. Act now https://goldreturns.biz",
    ),
    (
        "Followers Shop",
        "shop@tiktokboost.store",
        "Get 10k TikTok followers overnight. Cheap, fast, safe. https://tiktokboost.store",
    ),
    (
        "Cheap Flights",
        "deals@flyfree.travel",
        "Cheap flights to anywhere! Save up to 80% on airline tickets. Book now at https://flyfree.travel",
    ),
    (
        "Make Money",
        "money@easycash.club",
        "EARN MONEY ONLINE FAST!!! NO EXPERIENCE NEEDED!!! START TODAY AND GET PAID DAILY!!! https://easycash.club",
    ),
    (
        "Robert",
        "robert@cryptomentor.io",
        "Very nice post. I recommend Mrs Linda for anyone who wants to invest in crypto, she helped me earn $20,000. Message her on Telegram @lindainvests",
    ),
    (
        "SEO Agency",
        "agency@seowizards.co",
        "Hello webmaster, I noticed your site is not ranking on the first page of Google. We can fix that. Reply for a free quote.",
    ),
    (
        "Term Paper",
        "papers@writemypaper.pro",
        "Write my paper cheap! Best essay writing service for students. Discount code SAVE20 https://writemypaper.pro",
    ),
    (
        "Buy Reviews",
        "reviews@5starreviews.shop",
        "Buy 5-star Google reviews for your business. Real looking, permanent. https://5starreviews.shop",
    ),
    (
        "CBD Oil",
        "sales@cbdwellness.store",
        "Premium CBD oil cures anxiety, pain and insomnia naturally. 50% off today only https://cbdwellness.store",
    ),
    (
        "Lottery Winner",
        "claims@intlottery.top",
        "Your email has won $1,500,000 in the international lottery. Send your bank details to claim your prize.",
    ),
    (
        "Investment Guru",
        "guru@millionaireclub.biz",
        "Become a millionaire in 90 days with my proven system. Free webinar at https://millionaireclub.biz",
    ),
    (
        "Hot Deals",
        "deals@megasale.shop",
        "Nike and Adidas shoes at 85% off! Clearance sale ends tonight https://megasale.shop",
    ),
    (
        "Jenny",
        "jenny@girlsonline.cam",
        "Bored? Chat with me live on cam right now, it's free https://girlsonline.cam",
    ),
    (
        "Tech Support",
        "support@pcfixnow.help",
        "Your computer may be infected! Call our Microsoft certified technicians now at 1-800-555-0199 for immediate help.",
    ),
    (
        "Car Insurance",
        "quotes@cheapcover.co",
        "Cheapest car insurance quotes in minutes. Compare and save up to $500 https://cheapcover.co",
    ),
    (
        "Bitcoin Doubler",
        "double@btcx2.io",
        "Send 0.1 BTC and receive 0.2 BTC back instantly. Limited time giveaway https://btcx2.io",
    ),
    (
        "John Smith",
        "john@homebiz.site",
        "This is really interesting! I found a great opportunity to make $300 per day working part time, just go to https://homebiz.site",
    ),
    (
        "Steroids Shop",
        "shop@musclefast.store",
        "Buy anabolic steroids online. Build muscle fast. Discreet shipping https://musclefast.store",
    ),
    (
        "Visa Service",
        "visa@easyvisa.agency",
        "Get your UK or US visa approved guaranteed in 7 days, no interview needed. https://easyvisa.agency",
    ),
    (
        "Fake ID",
        "ids@novelty-docs.shop",
        "Buy real and fake passports, driving licences and ID cards. Registered in database. https://novelty-docs.shop",
    ),
    (
        "Payday Express",
        "cash@paydayexpress.money",
        "Short on cash before payday? Borrow up to $1,000 today, money in your account within the hour https://paydayexpress.money",
    ),
    (
        "Casino Royale",
        "play@royalbet.casino",
        "Best online casino 2024! Live dealers, instant withdrawals, 100 free spins https://royalbet.casino",
    ),
    (
        "Maria",
        "maria@easywork.jobs",
        "Google is paying $95 per hour for simple online work. I started 3 weeks ago and already got $7,000. Copy this site: easywork.jobs",
    ),
    (
        "Hair Loss Cure",
        "info@regrowfast.store",
        "Regrow your hair in 30 days with our miracle serum, guaranteed or money back https://regrowfast.store",
    ),
    (
        "Cheap Software",
        "sales@softkeys.shop",
        "Windows 11 Pro key only $9.99! Office 2021 lifetime licence $19. https://softkeys.shop",
    ),
    (
        "Online Pharmacy",
        "rx@canadarx.shop",
        "Canadian pharmacy: generic pills at lowest prices, no prescription needed, free pills with every order https://canadarx.shop",
    ),
    (
        "Escort Service",
        "book@vipescorts.club",
        "Beautiful escorts available in your city tonight. Book now https://vipescorts.club",
    ),
    (
        "Dissertation Help",
        "phd@thesishelp.pro",
        "Struggling with your thesis? PhD writers ready to help, 100% original, on time https://thesishelp.pro",
    ),
    (
        "Stock Tips",
        "tips@pennystocks.biz",
        "This penny stock will explode 1000% next week. Insider tip, buy now before it's too late https://pennystocks.biz",
    ),
    (
        "Like Our Page",
        "promo@fanpage.social",
        "Like and share our page for a chance to win $1000 cash! https://fanpage.social",
    ),
    (
        "Guest Post",
        "outreach@guestposting.agency",
        "Hi, we would like to publish a sponsored guest post on your site with a dofollow link. We pay $50 per post. Reply with your price.",
    ),
    (
        "Sophie",
        "sophie@richwife.site",
        "My husband lost his job but I now earn $12k a month from home thanks to this. Visit richwife.site for details",
    ),
    (
        "Bulk SMS",
        "sales@smsblast.pro",
        "Send bulk SMS to millions of customers at the lowest price. Free trial https://smsblast.pro",
    ),
    (
        "Ethereum Giveaway",
        "eth@vitalikgift.io",
        "Official Ethereum giveaway! Send ETH and receive double back. Event ends soon https://vitalikgift.io",
    ),
    (
        "Dating Site",
        "love@findlove.date",
        "Find your soulmate today! Thousands of verified singles waiting. Join free https://findlove.date",
    ),
    (
        "Spy App",
        "spy@phonespy.app",
        "Catch a cheating partner! Read their messages secretly with our phone spy app https://phonespy.app",
    ),
    (
        "Mortgage Rates",
        "rates@lowrates.money",
        "Refinance now at record low rates! Save thousands on your mortgage. Free quote https://lowrates.money",
    ),
    (
        "Solar Panels",
        "leads@freesolar.energy",
        "Get free solar panels installed on your home, government funded, limited time! Check eligibility https://freesolar.energy",
    ),
    (
        "Diet Pills",
        "orders@fatburnx.shop",
        "Burn fat while you sleep! FatBurnX pills 70% off, clinically proven https://fatburnx.shop",
    ),
    (
        "Translation Service",
        "jobs@translate4u.agency",
        "Professional translation services in 100 languages, cheapest rates online https://translate4u.agency",
    ),
    (
        "Rank #1",
        "rank@googletop.biz",
        "Rank #1 on Google guaranteed or your money back! Affordable SEO packages from $99 https://googletop.biz",
    ),
    (
        "Charity Appeal",
        "donate@helpkidsnow.org.fake",
        "Please donate to help orphans, send gift cards or wire transfer to our director, God bless you.",
    ),
    (
        "Verified Accounts",
        "sales@agedaccounts.store",
        "Buy verified PayPal, Facebook and Gmail accounts in bulk. Cheap prices https://agedaccounts.store",
    ),
    (
        "Mining Pool",
        "pool@cloudmine.io",
        "Cloud mining contract: earn 5% daily on your bitcoin. Withdraw anytime. https://cloudmine.io",
    ),
    (
        "Kim",
        "kim@sexychat.live",
        "Hey handsome, I'm waiting for you, come see my private photos https://sexychat.live",
    ),
    (
        "Print Shop",
        "orders@cheapprint.shop",
        "Business cards, flyers and banners cheap! 1000 cards for $9. Order today https://cheapprint.shop",
    ),
    (
        "Emma Wilson",
        "emma@affiliatecash.biz",
        "Nice blog! I earn $200 a day with affiliate marketing, free training here https://affiliatecash.biz",
    ),
    (
        "Vape Store",
        "sales@vapecloud.store",
        "Cheap e-liquids and vapes, free shipping over $20, huge discounts this week https://vapecloud.store",
    ),
    (
        "Green Card",
        "apply@uslottery.visa",
        "Apply for the US green card lottery with our help, guaranteed win rates. https://uslottery.visa",
    ),
    (
        "Psychic Reading",
        "read@psychicnow.love",
        "Free psychic reading! Discover your future and find true love. Call now or visit https://psychicnow.love",
    ),
    (
        "Debt Relief",
        "help@debtfree.money",
        "Eliminate your debt legally! Reduce what you owe by up to 70%. Free consultation https://debtfree.money",
    ),
    (
        "Amazing Offer",
        "offer@giftcards.top",
        "Get a $500 Amazon gift card free! Just complete a short survey https://giftcards.top",
    ),
    (
        "Marketing Pro",
        "pro@emaillists.biz",
        "Buy targeted email lists with millions of verified addresses. Grow your sales today https://emaillists.biz",
    ),
    (
        "Luxury Bags",
        "bags@designerdeals.shop",
        "Louis Vuitton and Gucci bags at 90% off, authentic quality, limited stock https://designerdeals.shop",
    ),
    (
        "Loans Fast",
        "fast@loanzone.money",
        "Same day loans, no paperwork, no credit check. Apply now and get approved in minutes https://loanzone.money",
    ),
    (
        "Crypto Signals",
        "vip@pumpsignals.io",
        "Join our VIP crypto pump group on Telegram and make 10x gains every week! https://pumpsignals.io",
    ),
    (
        "James",
        "james@click4cash.site",
        "I just got paid $4,500 for working online part time. Anyone can do it. Visit click4cash.site",
    ),
    (
        "Slot Machine",
        "spins@megaslots.bet",
        "Win the jackpot today! Free spins with no deposit needed, claim your bonus now https://megaslots.bet",
    ),
    (
        "Watch Movies",
        "stream@freemovies.watch",
        "Watch the latest movies free online in HD, no sign up! https://freemovies.watch",
    ),
    (
        "Detox Tea",
        "tea@slimtea.store",
        "Detox tea melts belly fat in 7 days, used by celebrities, order now 50% off https://slimtea.store",
    ),
    (
        "Hacker For Hire",
        "hire@proxhackers.help",
        "Need to hack a phone, email or social media account? Professional hackers for hire, fast and discreet. Contact us.",
    ),
    (
        "Work Online",
        "team@dataentryjobs.work",
        "Data entry jobs from home, $500 weekly, no experience required, apply today https://dataentryjobs.work",
    ),
    (
        "Best Deals",
        "best@dealhunter.shop",
        "Unbelievable deals on electronics! iPads, laptops and phones at wholesale prices https://dealhunter.shop",
    ),
    (
        "Lisa",
        "lisa@earnwithlisa.site",
        "Great post!! Check my profile to learn how I earn $600 per day from home, you can too!!",
    ),
    (
        "Trading Academy",
        "academy@tradepro.biz",
        "Learn forex trading from experts and earn a six-figure income. Enrol now, limited seats https://tradepro.biz",
    ),
    (
        "Followers Cheap",
        "sales@ytviews.store",
        "Buy YouTube views and subscribers, real and safe, prices from $5 https://ytviews.store",
    ),
    (
        "Miracle Cure",
        "cure@naturalheal.store",
        "This natural remedy cures diabetes and high blood pressure in weeks. Doctors don't want you to know https://naturalheal.store",
    ),
    (
        "Prize Team",
        "team@winnernotice.top",
        "Dear user, you are today's lucky visitor. Click to claim your reward before it expires https://winnernotice.top",
    ),
]
