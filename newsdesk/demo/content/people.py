"""The newsroom's staff. None of them has a portrait: the demo photos include no portraits
of people who could stand for them (see photos/manifest.toml), and a real person's face
above a fictional name would misrepresent that person. Their bylines, opinion columns and
author pages show each writer's initials instead (components/writer_mark.html)."""

from .schema import Author

AUTHORS = (
    Author(
        slug="ana-ruiz",
        name="Ana Ruiz",
        job_title="Chief photographer",
        bio="Ana Ruiz has photographed Bellhaven's harbour, courts and football terraces for fifteen years. She runs the newsroom's picture desk and teaches a free photography class at the Saltmarsh library.",
        x_handle="anaruizphoto",
    ),
    Author(
        slug="tomas-brennan",
        name="Tomás Brennan",
        job_title="City editor",
        bio="Tomás Brennan covers city hall, transport and the way Bellhaven spends its money. Before joining The Newsdesk he reported on courts for a regional weekly.",
        x_handle="tbrennan_news",
    ),
    Author(
        slug="samira-nasser",
        name="Samira Nasser",
        job_title="World correspondent",
        bio="Samira Nasser reports on the islands and river countries to the north. She speaks Arabic, French and enough Kaldish to order dinner.",
    ),
    Author(
        slug="daniel-achterberg",
        name="Daniel Achterberg",
        job_title="Business reporter",
        bio="Daniel Achterberg writes about shipping, small businesses and the cost of living. He reads company accounts for fun, and says so.",
        x_handle="dachterberg",
    ),
    Author(
        slug="ruth-okonkwo",
        name="Ruth Okonkwo",
        job_title="Science correspondent",
        bio="Ruth Okonkwo trained as a marine biologist before turning to journalism. She covers the oceans, the climate and research at the region's universities.",
    ),
    Author(
        slug="felix-marchetti",
        name="Felix Marchetti",
        job_title="Culture critic",
        bio="Felix Marchetti reviews books, film and music, and has never left a concert before the encore.",
    ),
    Author(
        slug="jo-calloway",
        name="Jo Calloway",
        job_title="Sports reporter",
        bio="Jo Calloway covers the Mariners, the rowing clubs on the Tamsin and anything else that involves a stopwatch.",
        x_handle="jocalloway",
    ),
    Author(
        slug="imogen-vale",
        name="Imogen Vale",
        job_title="Opinion editor",
        bio="Imogen Vale edits the opinion pages and writes a weekly column on how the city works, and how it could work better.",
    ),
    Author(
        slug="marcus-feld",
        name="Marcus Feld",
        job_title="National correspondent",
        bio="Marcus Feld travels the country for The Newsdesk, usually by bus, reporting from towns that rarely make the evening news.",
    ),
)
