from .schema import Section

# Parents come before their subsections, so the loader can create them in this order.
SECTIONS = (
    Section(
        slug="news",
        title="News",
        intro="The day's reporting from Bellhaven, from across the country and around the world.",
    ),
    Section(
        slug="us",
        title="U.S.",
        parent="news",
        intro="From town halls to county fairs: the stories shaping communities across the country.",
    ),
    Section(
        slug="world",
        title="World",
        parent="news",
        intro="Our correspondents on the islands, rivers, cities and borders beyond our own.",
    ),
    Section(
        slug="business",
        title="Business",
        intro="Work, money and the companies large and small that keep the harbour city running.",
    ),
    Section(
        slug="science",
        title="Science",
        intro="Discoveries from the lab, the seabed and the night sky, and what they mean for us.",
    ),
    Section(
        slug="culture",
        title="Culture",
        intro="Books, film, music, museums and the people who make Bellhaven worth staying up for.",
    ),
    Section(
        slug="sport",
        title="Sport",
        intro="Football, rowing, cycling, running and the local clubs that live for the weekend.",
    ),
    Section(
        slug="opinion",
        title="Opinion",
        intro="Argument and analysis from our columnists. Opinion pieces are marked as such.",
    ),
)

# The story the front page leads with.
LEAD_STORY = "harbour-bridge-closed-cable-inspection"
