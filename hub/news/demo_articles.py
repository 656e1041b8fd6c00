"""The demo's news and stories, as programmes write them: (kind, programme acronyms, headline,
summary, paragraphs, theme slugs, country codes, days ago, the project's acronym or "").

A story names its project by acronym; `seed_news` links it when the demo's keep.eu export has
a project of that acronym in the same programme, and leaves it unlinked otherwise."""

NEWS = "news"
STORY = "story"

ARTICLES = [
    (
        STORY,
        ["ITA-SLO"],
        "One emergency number on both sides of the Karst",
        "Ambulance crews from Trieste and Sežana now answer each other's calls: a shared "
        "dispatch protocol has cut the time to reach patients in border villages by a third.",
        [
            "For years, a heart attack in a village on the Slovenian side of the Karst plateau "
            "meant waiting for an ambulance from Sežana, even when the Italian station in "
            "Opicina was four kilometres away. Crews could not cross the border on duty, and "
            "their radios did not talk to each other.",
            "The GO-HEALTH partners, the emergency services of Friuli Venezia Giulia and the "
            "Slovenian Ministry of Health, wrote a joint dispatch protocol, trained 140 "
            "paramedics together and equipped both control rooms with a shared map of "
            "available vehicles. Since March, the nearest ambulance goes, whatever its flag.",
            "“The patient does not care which country the ambulance comes from,” says "
            "Dr Tanja Kos, who coordinated the training. “Now neither do we.” The protocol "
            "has been used 212 times in its first six months.",
        ],
        ["health", "risk-prevention"],
        ["IT", "SI"],
        12,
        "GO-HEALTH",
    ),
    (
        NEWS,
        ["ITA-SLO"],
        "Third call for small projects opens in spring",
        "The Monitoring Committee has approved EUR 4.2 million for people-to-people projects "
        "of up to EUR 50 000, with a simplified application and lump-sum reporting.",
        [
            "Associations, schools, sports clubs and municipalities along the Italian-Slovenian "
            "border will be able to apply for small projects from the spring. The call funds "
            "exchanges, joint events and cooperation that brings people from both sides "
            "together.",
            "Applications are submitted in Jems in Italian or Slovenian and are assessed within "
            "ten weeks. Costs are reported as lump sums, so partners no longer collect invoices "
            "for every expense. The joint secretariat holds information days in Nova Gorica and "
            "Udine in the weeks before the call opens.",
        ],
        ["people-to-people", "culture-tourism"],
        ["IT", "SI"],
        40,
        "",
    ),
    (
        STORY,
        ["ALCOTRA"],
        "Mountain pastures that share their shepherds",
        "In the Maritime Alps, French and Italian breeders have pooled their summer grazing "
        "and their guard dogs to live alongside the wolf without losing their flocks.",
        [
            "When the wolf returned to the Mercantour and the Alpi Marittime, breeders on both "
            "sides of the Col de Tende faced the same losses, but with different rules, "
            "different compensation schemes and no habit of talking to each other.",
            "The PASTORALP project brought together two national parks, three chambers of "
            "agriculture and 46 breeders. They now share a pool of trained guard dogs, a team of "
            "seasonal shepherds who work on both slopes and a single method for recording "
            "attacks.",
            "Losses on the participating pastures have fallen by 60 % in three summers. The "
            "method is being written into the management plans of both parks.",
        ],
        ["biodiversity", "agriculture-fisheries"],
        ["FR", "IT"],
        25,
        "PASTORALP",
    ),
    (
        NEWS,
        ["ALCOTRA"],
        "Annual event in Aosta: ten years of cross-border mountain cooperation",
        "Some 300 project partners, mayors and programme staff met in Aosta to look back on a "
        "decade of ALCOTRA projects and to discuss the programme after 2027.",
        [
            "The programme's annual event opened with a walk across the Pont-Saint-Martin "
            "bridge, restored by an ALCOTRA heritage project, before two days of workshops on "
            "climate adaptation, mountain services and mobility.",
            "The managing authority presented the first results of the mid-term evaluation: "
            "projects funded since 2021 have involved 1 800 organisations, a third of them for "
            "the first time. The presentations and photos are available on the programme's "
            "website.",
        ],
        ["governance", "culture-tourism"],
        ["FR", "IT"],
        95,
        "",
    ),
    (
        STORY,
        ["UPPER-RHINE"],
        "A tram that crosses the Rhine, and a labour market that follows",
        "Three years after the tram line between Strasbourg and Kehl was extended, employers on "
        "both banks report that hiring across the river has become ordinary.",
        [
            "The tram bridge was built before this programming period; what the TRAM-RHIN "
            "project added is everything around it. Job centres in Kehl and Strasbourg now "
            "publish vacancies in both languages, and a joint advice desk explains social "
            "security and taxes to cross-border workers.",
            "More than 2 400 people have used the advice desk, and the partners have published "
            "a guide to recognising vocational qualifications across the border. A bakery "
            "owner in Kehl puts it simply: “Half of my apprentices now come by tram.”",
        ],
        ["labour-market", "transport"],
        ["FR", "DE"],
        58,
        "TRAM-RHIN",
    ),
    (
        NEWS,
        ["UPPER-RHINE", "GREATER-REGION"],
        "Two programmes, one guide to cross-border telework",
        "Interreg Upper Rhine and Interreg Greater Region publish a joint guide for employers "
        "and commuters on the tax and social security rules of working from home.",
        [
            "Since the pandemic, many of the 250 000 daily commuters in the two regions work "
            "from home part of the week. Each additional day at home can change where they pay "
            "tax and which social security system covers them.",
            "The guide, written with the national administrations of France, Germany, "
            "Luxembourg, Belgium and Switzerland, explains the thresholds in plain language with "
            "worked examples. It is available in French and German from both programmes.",
        ],
        ["labour-market", "governance"],
        ["FR", "DE", "LU", "BE", "CH"],
        130,
        "",
    ),
    (
        STORY,
        ["EMR"],
        "Patients in Aachen, Maastricht and Liège get one medical record",
        "Hospitals in the Euregio Meuse-Rhine now share patient summaries across the border, so "
        "a stroke patient treated in Maastricht is followed up at home in Belgium without delay.",
        [
            "Until recently, a patient transferred from Liège to Maastricht arrived with a "
            "printed letter, if anything. The receiving team had to repeat tests and guess at "
            "medication already given.",
            "The EMRaDI project connected the three university hospitals through a secure "
            "exchange of patient summaries, with consent recorded once and respected on both "
            "sides of the border. Translation of the key fields is automatic; the clinical "
            "content stays in the author's language.",
            "The exchange now covers stroke, cardiology and paediatric intensive care, and "
            "regional hospitals in Eupen and Heerlen are joining next year.",
        ],
        ["health", "digital"],
        ["BE", "DE", "NL"],
        70,
        "EMR-ZORG",
    ),
    (
        NEWS,
        ["POCTEP"],
        "POCTEP approves 38 projects for the Spain-Portugal border",
        "EUR 112 million of ERDF goes to projects on wildfire prevention, rural health services "
        "and the economy of the border's inland regions.",
        [
            "Meeting in Badajoz, the Monitoring Committee approved 38 of the 121 projects "
            "submitted to the second call. Almost half of the funding goes to the inland border "
            "regions that are losing population fastest.",
            "Wildfire prevention receives the largest share: seven projects will manage "
            "forests jointly, share fire-fighting resources and train volunteers in Galicia, "
            "Norte, Castilla y León and Centro. The list of approved projects is published on "
            "the programme's website.",
        ],
        ["risk-prevention", "urban-rural"],
        ["ES", "PT"],
        150,
        "",
    ),
    (
        STORY,
        ["POCTEP"],
        "Firefighters who train together on the Minho",
        "Galician and Portuguese fire brigades now run joint exercises twice a year, and their "
        "crews fought the summer's largest fire side by side.",
        [
            "Forest fires do not stop at the Minho river, but fire brigades used to. The "
            "FOGO-RAIANO project gave the brigades of Tui and Valença a shared radio channel, a "
            "joint training ground and common procedures for crossing the river with "
            "equipment.",
            "When fire broke out on the slopes above Monção in August, Galician crews were on "
            "the scene within 25 minutes. “We had trained for exactly this,” says the brigade "
            "commander in Valença.",
        ],
        ["risk-prevention", "climate"],
        ["ES", "PT"],
        20,
        "FOGO-RAIANO",
    ),
    (
        NEWS,
        ["NORTH-SEA"],
        "North Sea programme launches its fourth call on green transition",
        "Applicants have until the end of the call to submit projects on energy transition, "
        "circular economy and climate adaptation of North Sea coasts.",
        [
            "The fourth call of the Interreg North Sea programme is open to projects under "
            "priorities 2 and 3. A total of EUR 46 million is available, with a maximum "
            "co-financing rate of 60 %.",
            "The programme encourages applicants to build on results of earlier projects and to "
            "involve partners from Norway and Sweden. The joint secretariat in Viborg offers "
            "consultations on project ideas until three weeks before the deadline.",
        ],
        ["energy", "circular-economy", "climate"],
        ["BE", "DK", "DE", "NL", "NO", "SE", "FR"],
        35,
        "",
    ),
    (
        STORY,
        ["NORTH-SEA"],
        "Dunes that grow back: nature-based coastal defence in Flanders and Denmark",
        "Instead of higher dykes, coastal managers in Flanders, Zeeland and Jutland are letting "
        "dunes grow with sand and marram grass, and measuring how well it protects the coast.",
        [
            "Hard sea defences are expensive to raise every time the sea level forecast "
            "changes. The BUILDING WITH NATURE partners tested another approach: feed the beach "
            "with sand, plant marram grass and let the wind build the dunes up.",
            "After four winters, the pilot dunes at De Haan and Hvide Sande have grown by up to "
            "1.2 metres. The partners' monitoring data, open to everyone, are now used by "
            "coastal authorities planning for 2050.",
        ],
        ["climate", "maritime", "biodiversity"],
        ["BE", "NL", "DK"],
        180,
        "NS-COASTAL-RESILIENCE",
    ),
    (
        NEWS,
        ["BSR"],
        "Baltic Sea Region programme opens its call for small projects",
        "Seed money of up to EUR 500 000 helps partners test an idea together before they apply "
        "for a full project.",
        [
            "The call for small projects supports partnerships of at least three organisations "
            "from three countries of the Baltic Sea region. Projects last up to a year and are "
            "reported with lump sums.",
            "This call is open to all programme priorities. The managing authority especially "
            "welcomes applicants from Ukraine-related cooperation networks and from "
            "organisations new to Interreg.",
        ],
        ["governance", "research-innovation"],
        ["DK", "EE", "FI", "DE", "LV", "LT", "PL", "SE", "NO"],
        62,
        "",
    ),
    (
        STORY,
        ["BSR"],
        "Cleaner water in the Gulf of Riga, one farm at a time",
        "Farmers in Latvia and Estonia have cut the nutrients running off their fields by "
        "changing how they spread manure, with advisers trained across the border.",
        [
            "The Gulf of Riga suffers from algal blooms fed by nitrogen and phosphorus from "
            "farmland. The NUTRI-CYCLE project trained 60 agricultural advisers in Latvia and "
            "Estonia in precision manure spreading, buffer strips and wetlands that trap "
            "nutrients.",
            "On 85 demonstration farms, measured run-off of phosphorus fell by a quarter in "
            "two seasons. The advisers now train their colleagues, and both ministries of "
            "agriculture include the measures in their rural development plans.",
        ],
        ["water", "agriculture-fisheries"],
        ["LV", "EE"],
        210,
        "NUTRI-CYCLE",
    ),
    (
        NEWS,
        ["ALPINE-SPACE"],
        "Alpine Space results: what 60 projects learned about climate adaptation",
        "A new publication gathers the tools, pilots and policy recommendations of projects on "
        "adapting Alpine towns and valleys to a warmer climate.",
        [
            "From heat plans for Alpine cities to early warnings for debris flows, projects "
            "funded by Alpine Space have tested many ways to prepare mountain areas for climate "
            "change. The new results publication sorts them by the problem they solve.",
            "Each entry names the partners to contact and says whether the tool is ready to "
            "use elsewhere. The publication is available in English, French, German, Italian "
            "and Slovenian.",
        ],
        ["climate", "risk-prevention"],
        ["AT", "FR", "DE", "IT", "LI", "SI", "CH"],
        240,
        "",
    ),
    (
        STORY,
        ["ALPINE-SPACE"],
        "Villages that book the bus like a taxi",
        "In the valleys of Tyrol, South Tyrol and Slovenia, on-demand buses now reach hamlets "
        "that had lost their regular line.",
        [
            "A bus running empty every hour is too expensive for a mountain valley; no bus at "
            "all leaves older people without a way to the doctor. The SMART-VILLAGES partners "
            "tested a third way: small buses that run when someone books a seat by phone or app.",
            "Seven pilot valleys now have on-demand services, used by 11 000 passengers last "
            "year. The partners' procurement guide helps other regions tender such services.",
        ],
        ["transport", "urban-rural"],
        ["AT", "IT", "SI"],
        280,
        "ALP-SMART-VILLAGES",
    ),
    (
        NEWS,
        ["CENTRAL-EUROPE"],
        "Central Europe programme: call results announced",
        "The Monitoring Committee selected 31 projects involving 290 partners from all nine "
        "programme countries.",
        [
            "The selected projects will work on greener cities, the circular economy and "
            "better public services in Central Europe's regions. More than a third of the "
            "partners are new to the programme.",
            "Lead partners receive their subsidy contracts in the coming weeks and are invited "
            "to the kick-off seminar in Vienna, where the joint secretariat explains reporting "
            "in Jems.",
        ],
        ["circular-economy", "governance"],
        ["AT", "HR", "CZ", "DE", "HU", "IT", "PL", "SK", "SI"],
        105,
        "",
    ),
    (
        STORY,
        ["CENTRAL-EUROPE"],
        "Old factories, new workshops: brownfields back in use in Łódź and Brno",
        "Two former textile mills have become workshops for start-ups and craftspeople, with "
        "the cities sharing what worked and what did not.",
        [
            "Both Łódź and Brno grew with their textile industry, and both were left with "
            "empty mills when it left. The REFILL project paired the two cities with Graz and "
            "Ljubljana to test temporary uses of empty industrial buildings.",
            "In Łódź, a wing of the Scheibler mill now hosts 40 workshops; in Brno, a former "
            "dye works is a makerspace run by a tenants' association. The cities have written "
            "their lessons into a handbook on leases, safety rules and financing.",
        ],
        ["urban-rural", "circular-economy"],
        ["PL", "CZ", "AT", "SI"],
        320,
        "REFILL",
    ),
    (
        NEWS,
        ["DANUBE"],
        "Danube Region Programme welcomes Ukraine and Moldova partners to new projects",
        "Partners from Ukraine and Moldova take part in 24 of the projects approved in the "
        "latest call, with support for translation and financial management.",
        [
            "The programme has adapted its rules so that partners from Ukraine can take part "
            "despite the war: reporting deadlines are longer and training is offered online "
            "in Ukrainian.",
            "The approved projects work on flood management, skills for young people and the "
            "protection of the Danube's wetlands.",
        ],
        ["water", "education"],
        ["AT", "RO", "UA", "MD", "HU", "SK"],
        160,
        "",
    ),
    (
        STORY,
        ["DANUBE"],
        "A sturgeon count along 2 000 kilometres of river",
        "Fishers, scientists and river authorities from eight countries have mapped where the "
        "Danube's last wild sturgeon spawn.",
        [
            "Sturgeon have swum the Danube for millions of years; today only four species "
            "remain, all threatened. The STURGEON-RETURN project trained fishers to report "
            "catches and tagged 120 fish to follow them from the Black Sea upstream.",
            "The data show spawning sites below the Iron Gates that no one knew about. The "
            "river authorities of Serbia and Romania have agreed to protect them during the "
            "spawning season.",
        ],
        ["biodiversity", "water"],
        ["RO", "RS", "BG", "HU", "AT"],
        300,
        "STURGEON-RETURN",
    ),
    (
        NEWS,
        ["INTERACT"],
        "Harmonised Implementation Tools updated for 2021-2027",
        "Interact publishes revised templates for programme manuals, project reports and "
        "checklists, agreed with programmes across Europe.",
        [
            "The Harmonised Implementation Tools are templates that programmes may adopt so that "
            "partners taking part in several programmes meet the same forms. The new version "
            "reflects the simplified cost options of the current regulations.",
            "Programme staff can download the templates and the explanatory notes from the "
            "Interact library, and discuss them in the community space for programme "
            "management.",
        ],
        ["governance"],
        [],
        45,
        "",
    ),
    (
        NEWS,
        ["INTERACT"],
        "Interreg communication officers meet in Tallinn",
        "Eighty communicators from programmes across Europe shared how they tell project "
        "stories to people who have never heard of Interreg.",
        [
            "The network meeting in Tallinn focused on storytelling: how to find the person "
            "behind a project, how to write for social media and how to measure whether "
            "anyone read it.",
            "Participants also prepared this year's Interreg Slam and Cooperation Day. The "
            "presentations are in the community space of the communication network.",
        ],
        ["governance", "people-to-people"],
        ["EE"],
        88,
        "",
    ),
    (
        STORY,
        ["PEACEPLUS"],
        "Young people from both communities build a youth centre together",
        "In Derry/Londonderry and Donegal, teenagers from different backgrounds designed and "
        "now run a youth centre on the border.",
        [
            "The SHARED SPACES project asked young people what they wanted from a place of "
            "their own. The answer was a music studio, a kitchen and somewhere that belonged "
            "to nobody's side.",
            "Seventy teenagers worked with architects on the design and now sit on the centre's "
            "board. More than 1 500 young people have used it in its first year.",
        ],
        ["social-inclusion", "people-to-people"],
        ["IE", "GB"],
        140,
        "SHARED-SPACES",
    ),
    (
        NEWS,
        ["PEACEPLUS"],
        "PEACEPLUS opens funding for community regeneration",
        "Local authorities in Northern Ireland and the border counties of Ireland can apply for "
        "support to bring empty town-centre buildings back into use.",
        [
            "The call funds projects that turn vacant buildings into community spaces, shops "
            "and homes, with a strong role for local people in deciding what happens.",
            "The Special EU Programmes Body holds online information sessions and publishes "
            "answers to frequently asked questions on its website.",
        ],
        ["urban-rural", "social-inclusion"],
        ["IE", "GB"],
        55,
        "",
    ),
    (
        STORY,
        ["OKS"],
        "A ferry timetable that finally fits the train",
        "Between Frederikshavn, Gothenburg and Oslo, rail and ferry operators have aligned their "
        "timetables and tickets for travel without a car.",
        [
            "Travelling between Denmark, Sweden and Norway without a car used to mean long waits "
            "between ferry and train. The SCANDRIA-LINK partners brought operators and regions "
            "together to plan connections as one journey.",
            "Since the new timetable, a traveller from Aalborg reaches Gothenburg in under five "
            "hours, with one ticket. Passenger numbers on the connection have risen by 18 %.",
        ],
        ["transport", "climate"],
        ["DK", "SE", "NO"],
        230,
        "SCANDLINK",
    ),
    (
        NEWS,
        ["AURORA"],
        "Aurora programme meets Sámi organisations on cooperation in the north",
        "The programme invited Sámi parliaments and associations to shape its priorities for "
        "culture, language and reindeer herding.",
        [
            "The Sámi subprogramme of Interreg Aurora funds projects run by and for the Sámi "
            "people across Finland, Sweden and Norway. The meeting in Inari gathered ideas for "
            "the next call.",
            "Participants asked for simpler applications in Sámi languages and for support to "
            "small organisations acting as lead partners.",
        ],
        ["culture-tourism", "people-to-people"],
        ["FI", "SE", "NO"],
        190,
        "",
    ),
    (
        STORY,
        ["CZ-PL"],
        "Mountain rescuers from the Krkonoše answer calls on both sides",
        "Czech and Polish mountain rescue services share a control room map and train together "
        "in the Giant Mountains.",
        [
            "Hikers in the Krkonoše often do not know which side of the border they are on "
            "when they call for help. The RESCUE-KRK project linked the control rooms of the "
            "Czech and Polish mountain rescue services.",
            "Rescuers now see each other's teams on one map and send the nearest. They have "
            "trained together in avalanche and winter rescue, with equipment bought jointly.",
        ],
        ["risk-prevention", "culture-tourism"],
        ["CZ", "PL"],
        260,
        "ZDRAVÍ-BEZ-HRANIC",
    ),
    (
        NEWS,
        ["SK-AT"],
        "Slovakia-Austria programme simplifies reporting for small partners",
        "From this year, partners with budgets below EUR 200 000 report their staff costs as a "
        "flat rate, with no timesheets.",
        [
            "The Monitoring Committee decided to extend simplified cost options to all small "
            "partners. Staff costs are calculated as 20 % of direct costs, and controllers "
            "check the other costs only.",
            "The programme manual and the reporting templates have been updated. The joint "
            "secretariat in Bratislava explains the change at a webinar for lead partners.",
        ],
        ["governance"],
        ["SK", "AT"],
        75,
        "",
    ),
    (
        STORY,
        ["HU-RS"],
        "Wine routes that cross the border at Subotica",
        "Winemakers from Hungary and Serbia have built a joint wine route with tastings, cycle "
        "paths and a common label.",
        [
            "The sandy soils between Szeged and Subotica have grown wine for centuries. The "
            "WINE-ROUTE project gathered 30 family wineries from both sides to welcome visitors "
            "together.",
            "A 120-kilometre cycle route links the cellars, with signs in Hungarian, Serbian "
            "and English. Visitor numbers doubled in the second season.",
        ],
        ["culture-tourism", "sme"],
        ["HU", "RS"],
        335,
        "WINEROUTE",
    ),
    (
        NEWS,
        ["EURO-MED"],
        "Euro-MED programme launches call on sustainable tourism",
        "Projects can apply to test tourism that respects Mediterranean coasts and the people "
        "who live there all year round.",
        [
            "The call targets overtourism and the seasonality of coastal economies. Projects "
            "should involve local authorities and businesses, and transfer tested solutions to "
            "other areas.",
            "The programme holds an online information day with the thematic projects that "
            "already work on tourism, so that applicants can build on their results.",
        ],
        ["culture-tourism", "maritime"],
        ["ES", "FR", "IT", "GR", "HR", "CY", "MT"],
        30,
        "",
    ),
    (
        STORY,
        ["NWE"],
        "Repair cafés become a network across North-West Europe",
        "From Lille to Dublin, repair cafés and local councils have turned fixing things into a "
        "service that keeps tonnes of goods out of landfill.",
        [
            "The REPAIR-NET project helped 140 repair cafés and social enterprises share tools, "
            "training and a common way of counting what they repair.",
            "In two years, volunteers fixed 38 000 items, from toasters to bicycles. Six "
            "councils now fund repair services as part of their waste plans.",
        ],
        ["circular-economy", "social-inclusion"],
        ["FR", "BE", "NL", "IE", "DE"],
        355,
        "REPAIRNET",
    ),
]
