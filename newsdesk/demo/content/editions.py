"""The Spanish and Arabic editions of the demo newsroom: written for the demo, like the
English one. Each edition has its own front page and sections (translations of some of the
English ones, with their own names), stories of its own, translations of English stories,
and, for the translation desk to show, one translation its source has moved on from."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class EditionSection:
    source: str  # the English section's slug
    slug: str
    title: str
    intro: str


@dataclass(frozen=True, kw_only=True)
class EditionStory:
    """A story of the edition. With `source`, the translation of that English story (its
    photo, authors and related stories kept); without, one of the edition's own."""

    slug: str
    section: str  # the English section's slug
    headline: str
    standfirst: str
    body: tuple[str, ...]
    hours_ago: float
    source: str | None = None
    kicker: str = "news"
    # A story of the edition's own: its writers (the English demo's authors) and topics.
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EditionChannel:
    """The edition's own live channel (on the demo's test stream)."""

    name: str
    slug: str
    strapline: str
    poster_line: str


@dataclass(frozen=True, kw_only=True)
class Edition:
    code: str
    front_page: str
    tagline: str
    channel: EditionChannel
    sections: tuple[EditionSection, ...]
    stories: tuple[EditionStory, ...]
    lead_story: str
    # The English story edited after its translation was published (the stale one).
    stale_source: str
    stale_change: str
    stale_correction: str


SPANISH = Edition(
    code="es",
    front_page="Portada",
    tagline="Noticias de Bellhaven y del mundo, en español",
    channel=EditionChannel(
        name="Newsdesk en Directo",
        slug="directo",
        strapline="Bellhaven y el mundo, en directo a todas horas",
        poster_line="Las noticias mientras suceden",
    ),
    sections=(
        EditionSection(
            source="news",
            slug="noticias",
            title="Noticias",
            intro="Lo que pasa hoy en Bellhaven, en el país y en el mundo.",
        ),
        EditionSection(
            source="world",
            slug="internacional",
            title="Internacional",
            intro="Nuestros corresponsales en las islas, los ríos y las ciudades más allá de las nuestras.",
        ),
        EditionSection(
            source="culture",
            slug="cultura",
            title="Cultura",
            intro="Libros, cine, música y la gente que hace que Bellhaven valga la pena de noche.",
        ),
    ),
    stories=(
        EditionStory(
            source="harbour-bridge-closed-cable-inspection",
            slug="puente-del-puerto-cerrado-cable",
            section="news",
            headline="El puente del puerto se cierra al tráfico tras hallarse un cable corroído",
            standfirst="El cruce más transitado de la ciudad seguirá cerrado al menos tres semanas mientras los ingenieros cambian un cable de soporte. Desde mañana salen más transbordadores.",
            body=(
                "El puente del puerto, por el que pasan unos 38.000 vehículos al día entre el Muelle Viejo y Northgate, se cerró el martes por la tarde después de que una inspección rutinaria encontrara corrosión dentro de uno de sus cables principales.",
                "La Autoridad Portuaria de Bellhaven asegura que no hay peligro inmediato, pero que el cable ya no puede soportar su parte de la carga. Peatones y ciclistas también tuvieron que dar la vuelta.",
                "El transbordador entre el Muelle Viejo y Northgate saldrá cada diez minutos, gratis, de seis de la mañana a medianoche.",
            ),
            hours_ago=1.5,
        ),
        EditionStory(
            source="sennet-islands-ferry-link",
            slug="islas-sennet-transbordador-todo-el-ano",
            section="world",
            headline="Las islas Sennet tienen transbordador todo el año por primera vez en una década",
            standfirst="Los temporales de invierno dejaban aisladas las islas exteriores durante semanas. Un barco nuevo y más pesado debería mantener abierta la travesía.",
            body=(
                "Para las 4.000 personas que viven en las islas Sennet exteriores, el invierno significaba quedarse incomunicadas. El transbordador de verano paraba en octubre y el pequeño barco de invierno se quedaba a menudo en puerto.",
                "Eso cambia esta semana: un transbordador de 70 metros, construido para mares más duros, empezó el lunes un servicio diario entre Port Oriel y las tres islas exteriores.",
            ),
            hours_ago=5,
        ),
        EditionStory(
            slug="feria-del-libro-autores-de-las-islas",
            authors=("ana-ruiz",),
            tags=("Bellhaven", "books"),
            section="culture",
            headline="La feria del libro de Bellhaven abre con una carpa para autores de las islas",
            standfirst="Por primera vez, doce escritores de las islas Sennet tienen caseta propia. La feria dura hasta el domingo en el paseo del puerto.",
            body=(
                "La feria del libro volvió el sábado al paseo del puerto con ochenta casetas y una novedad: una carpa blanca, al final del muelle, reservada a los autores de las islas.",
                "«Antes teníamos que mandar los libros en el transbordador y esperar que alguien los pusiera en una mesa», dice la poeta Inés Marow, que llegó con una caja de su último libro bajo el brazo.",
                "Las charlas de la tarde, en la antigua lonja, son gratuitas hasta completar aforo.",
            ),
            hours_ago=3,
        ),
        EditionStory(
            slug="pescadores-de-vask-piden-muelle",
            authors=("samira-nasser",),
            tags=("fishing", "Vask"),
            section="world",
            headline="Los pescadores de Vask piden un muelle nuevo antes del invierno",
            standfirst="El muelle de madera del mercado se hunde en dos puntos. La cofradía quiere obras antes de las primeras tormentas.",
            body=(
                "La cofradía de pescadores de Vask entregó el lunes al ayuntamiento una carta firmada por 140 socios: el muelle del mercado, de madera, se hunde en dos puntos y ya no se puede descargar con marea baja.",
                "El alcalde prometió una respuesta antes de fin de mes. Los pescadores quieren que las obras empiecen antes de noviembre.",
            ),
            hours_ago=9,
        ),
    ),
    lead_story="puente-del-puerto-cerrado-cable",
    stale_source="sennet-islands-ferry-link",
    stale_change="Winter storms used to cut the outer islands off for weeks. The new, heavier boat made its first winter crossing on Monday, in a force 7 gale.",
    stale_correction="An earlier version of this story said the ferry carries 300 passengers. It carries 350.",
)

ARABIC = Edition(
    code="ar",
    front_page="الصفحة الأولى",
    tagline="أخبار بيلهافن والعالم بالعربية",
    channel=EditionChannel(
        name="نيوزديسك مباشر",
        slug="mubashir",
        strapline="أخبار بيلهافن والعالم، بثّ متواصل ليلًا ونهارًا",
        poster_line="الأخبار لحظة وقوعها",
    ),
    sections=(
        EditionSection(
            source="news",
            slug="akhbar",
            title="أخبار",
            intro="ما يجري اليوم في بيلهافن وفي البلاد وحول العالم.",
        ),
        EditionSection(
            source="sport",
            slug="riyada",
            title="رياضة",
            intro="كرة القدم والتجديف والجري والأندية المحلية التي تعيش لعطلة نهاية الأسبوع.",
        ),
    ),
    stories=(
        EditionStory(
            source="harbour-bridge-closed-cable-inspection",
            slug="ighlaq-jisr-al-mina",
            section="news",
            headline="إغلاق جسر الميناء أمام السيارات بعد العثور على كابل متآكل",
            standfirst="سيبقى أكثر معابر المدينة ازدحامًا مغلقًا ثلاثة أسابيع على الأقل ريثما يستبدل المهندسون كابل دعم. وتبدأ عبّارات إضافية العمل صباح الغد.",
            body=(
                "أُغلق جسر الميناء، الذي تعبره نحو 38 ألف مركبة يوميًا بين الرصيف القديم ونورثغيت، بعد ظهر الثلاثاء إثر فحص دوري كشف تآكلًا داخل أحد كابلاته الرئيسية.",
                "وقالت هيئة ميناء بيلهافن إنه لا خطر فوريًا من انهيار الجسر، لكن الكابل لم يعد قادرًا على حمل نصيبه من الوزن.",
                "وستبحر العبّارة بين الرصيف القديم ونورثغيت كل عشر دقائق مجانًا من السادسة صباحًا حتى منتصف الليل.",
            ),
            hours_ago=1.5,
        ),
        EditionStory(
            slug="souq-al-samak-al-jadid",
            authors=("samira-nasser",),
            tags=("Bellhaven", "fishing"),
            section="news",
            headline="افتتاح سوق السمك الجديد على الواجهة البحرية",
            standfirst="بعد عامين من العمل، انتقل الصيادون إلى سوق مسقوف فيه ماء بارد وأرصفة للتفريغ في كل الأحوال الجوية.",
            body=(
                "افتتح صباح السبت سوق السمك الجديد على الواجهة البحرية، وفيه أربعون منصة وغرفة تبريد يتقاسمها الصيادون.",
                "وقال أحد الباعة القدامى إن السوق القديم كان يغرق مع كل مدّ عالٍ، وإن الزبائن عادوا منذ الساعة الأولى.",
            ),
            hours_ago=4,
        ),
        EditionStory(
            slug="fariq-al-tajdif-yafuz",
            authors=("tomas-brennan",),
            tags=("rowing", "Bellhaven"),
            section="sport",
            headline="فريق التجديف في بيلهافن يفوز بالبطولة الإقليمية للمرة الأولى",
            standfirst="تقدّم قارب الثمانية بطول كامل في آخر خمسمئة متر، أمام جمهور ملأ ضفتي النهر.",
            body=(
                "فاز نادي بيلهافن للتجديف يوم الأحد بالبطولة الإقليمية للقوارب الثمانية، بعد سباق متقارب حتى المنعطف الأخير.",
                "وقالت مدربة الفريق إن التدريب في الصباح الباكر طوال الشتاء هو ما صنع الفرق.",
            ),
            hours_ago=7,
        ),
    ),
    lead_story="ighlaq-jisr-al-mina",
    stale_source="",
    stale_change="",
    stale_correction="",
)

EDITIONS = (SPANISH, ARABIC)
