"""Words that say what a number counts (data only), English and Arabic.

``UNITS`` maps a unit (the finer class) to its category and its dictionary label
in each language. ``EN_WORDS`` and ``AR_WORDS`` map the written forms that follow
a number to a unit. Arabic forms are written in their usual spelling; counted.py
folds them (hamza, taa marbuta, tanween, tatweel) and adds the clitics
(و، ف، ب، ل، ال، وال، بال، لل), so "الأطفال" and "وأطفال" come from "أطفال".
"""

from __future__ import annotations

# unit -> (category, English label, Arabic label)
UNITS: dict[str, tuple[str, str, str]] = {
    # people; "people" is the generic kind, compatible with every other kind
    "people": ("people", "people", "أشخاص"),
    "children": ("people", "children", "أطفال"),
    "women": ("people", "women", "نساء"),
    "men": ("people", "men", "رجال"),
    "soldiers": ("people", "soldiers", "جنود"),
    "police": ("people", "police officers", "شرطيون"),
    "civilians": ("people", "civilians", "مدنيون"),
    "students": ("people", "students", "طلاب"),
    "patients": ("people", "patients", "مرضى"),
    "migrants": ("people", "migrants and refugees", "مهاجرون ولاجئون"),
    "players": ("people", "players", "لاعبون"),
    "fighters": ("people", "fighters", "مقاتلون"),
    "workers": ("people", "workers", "عمال"),
    "prisoners": ("people", "prisoners", "سجناء"),
    "journalists": ("people", "journalists", "صحفيون"),
    "doctors": ("people", "doctors", "أطباء"),
    # age
    "age": ("age", "age", "العمر"),
    # currency
    "USD": ("currency", "US dollars", "دولار"),
    "GBP": ("currency", "pounds sterling", "جنيه إسترليني"),
    "EGP": ("currency", "Egyptian pounds", "جنيه مصري"),
    "pound": ("currency", "pounds", "جنيه"),  # sterling or Egyptian, the text does not say
    "EUR": ("currency", "euros", "يورو"),
    "riyal": ("currency", "riyals", "ريال"),
    "dinar": ("currency", "dinars", "دينار"),
    "dirham": ("currency", "dirhams", "درهم"),
    "lira": ("currency", "lira", "ليرة"),
    "JPY": ("currency", "yen", "ين"),
    "CNY": ("currency", "yuan", "يوان"),
    "rupee": ("currency", "rupees", "روبية"),
    "rouble": ("currency", "roubles", "روبل"),
    "shekel": ("currency", "shekels", "شيكل"),
    # mass
    "kg": ("mass", "kilograms", "كيلوغرام"),
    "tonne": ("mass", "tonnes", "طن"),
    "gram": ("mass", "grams", "غرام"),
    "lb": ("mass", "pounds (weight)", "رطل"),
    "ounce": ("mass", "ounces", "أوقية"),
    # distance
    "km": ("distance", "kilometres", "كيلومتر"),
    "mile": ("distance", "miles", "ميل"),
    "metre": ("distance", "metres", "متر"),
    "cm": ("distance", "centimetres", "سنتيمتر"),
    "foot": ("distance", "feet", "قدم"),
    # area
    "km2": ("area", "square kilometres", "كيلومتر مربع"),
    "m2": ("area", "square metres", "متر مربع"),
    "mile2": ("area", "square miles", "ميل مربع"),
    "hectare": ("area", "hectares", "هكتار"),
    "acre": ("area", "acres", "فدان"),
    "dunam": ("area", "dunams", "دونم"),
    # volume
    "litre": ("volume", "litres", "لتر"),
    "barrel": ("volume", "barrels", "برميل"),
    "m3": ("volume", "cubic metres", "متر مكعب"),
    "gallon": ("volume", "gallons", "غالون"),
    # duration
    "second": ("duration", "seconds", "ثوان"),
    "minute": ("duration", "minutes", "دقائق"),
    "hour": ("duration", "hours", "ساعات"),
    "day": ("duration", "days", "أيام"),
    "week": ("duration", "weeks", "أسابيع"),
    "month": ("duration", "months", "أشهر"),
    "year": ("duration", "years", "سنوات"),
    # speed, temperature
    "km/h": ("speed", "kilometres per hour", "كيلومتر في الساعة"),
    "mph": ("speed", "miles per hour", "ميل في الساعة"),
    "knot": ("speed", "knots", "عقدة"),
    "celsius": ("temperature", "degrees Celsius", "درجة مئوية"),
    "fahrenheit": ("temperature", "degrees Fahrenheit", "درجة فهرنهايت"),
    "degree": ("temperature", "degrees", "درجات"),
    # other things news counts
    "votes": ("votes", "votes", "أصوات"),
    "seats": ("seats", "seats", "مقاعد"),
    "goals": ("goals", "goals", "أهداف"),
    "points": ("points", "points", "نقاط"),
    "buildings": ("buildings", "buildings", "مبان"),
    "vehicles": ("vehicles", "vehicles", "مركبات"),
    "matches": ("matches", "matches", "مباريات"),
    "countries": ("countries", "countries", "دول"),
}
# Units compatible with another unit of their category (besides the identical one).
GENERIC_UNITS: dict[str, frozenset[str]] = {
    "pound": frozenset({"GBP", "EGP"}),
    "degree": frozenset({"celsius", "fahrenheit"}),
}
# Kinds of people that exclude each other (a child is not a woman); any other kind
# ("soldiers", "students", ...) may be any of them, but excludes the other roles.
PEOPLE_GROUPS = frozenset({"children", "women", "men"})

# English forms after a number (lower case).
EN_WORDS: dict[str, str] = {
    **dict.fromkeys(["people", "persons", "person", "individuals", "residents", "inhabitants",
                     "citizens", "victims", "casualties", "deaths", "dead", "injured", "wounded",
                     "survivors", "passengers", "adults", "members", "voters", "fans",
                     "spectators"], "people"),
    **dict.fromkeys(["children", "child", "kids", "babies", "baby", "infants", "boys", "girls",
                     "toddlers", "teenagers", "minors"], "children"),
    **dict.fromkeys(["women", "woman", "mothers"], "women"),
    **dict.fromkeys(["men", "man"], "men"),
    **dict.fromkeys(["soldiers", "soldier", "troops", "servicemen", "marines", "personnel"], "soldiers"),
    **dict.fromkeys(["police", "policemen", "officers", "policeman", "officer"], "police"),
    **dict.fromkeys(["civilians", "civilian"], "civilians"),
    **dict.fromkeys(["students", "student", "pupils", "pupil", "schoolchildren"], "students"),
    **dict.fromkeys(["patients", "patient"], "patients"),
    **dict.fromkeys(["migrants", "migrant", "refugees", "refugee", "asylum", "immigrants",
                     "displaced"], "migrants"),
    **dict.fromkeys(["players", "player"], "players"),
    **dict.fromkeys(["fighters", "fighter", "militants", "militant", "rebels", "insurgents",
                     "jihadists", "gunmen"], "fighters"),
    **dict.fromkeys(["workers", "worker", "employees", "employee", "staff"], "workers"),
    **dict.fromkeys(["prisoners", "prisoner", "detainees", "inmates", "hostages"], "prisoners"),
    **dict.fromkeys(["journalists", "journalist", "reporters"], "journalists"),
    **dict.fromkeys(["doctors", "doctor", "nurses", "medics"], "doctors"),
    **dict.fromkeys(["dollars", "dollar", "usd"], "USD"),
    **dict.fromkeys(["sterling", "gbp"], "GBP"),
    **dict.fromkeys(["euros", "euro", "eur"], "EUR"),
    **dict.fromkeys(["riyals", "riyal", "rials", "rial", "sar", "qar"], "riyal"),
    **dict.fromkeys(["dinars", "dinar"], "dinar"),
    **dict.fromkeys(["dirhams", "dirham", "aed"], "dirham"),
    **dict.fromkeys(["lira", "liras", "lire"], "lira"),
    **dict.fromkeys(["yen", "jpy"], "JPY"),
    **dict.fromkeys(["yuan", "renminbi", "cny", "rmb"], "CNY"),
    **dict.fromkeys(["rupees", "rupee", "inr"], "rupee"),
    **dict.fromkeys(["roubles", "rouble", "rubles", "ruble"], "rouble"),
    **dict.fromkeys(["shekels", "shekel"], "shekel"),
    **dict.fromkeys(["kg", "kgs", "kilograms", "kilogram", "kilogrammes", "kilos", "kilo"], "kg"),
    **dict.fromkeys(["tonnes", "tonne", "tons", "ton", "t"], "tonne"),
    **dict.fromkeys(["grams", "gram", "grammes", "g"], "gram"),
    **dict.fromkeys(["lb", "lbs"], "lb"),
    **dict.fromkeys(["ounces", "ounce", "oz"], "ounce"),
    **dict.fromkeys(["km", "kms", "kilometres", "kilometre", "kilometers", "kilometer"], "km"),
    **dict.fromkeys(["miles", "mile", "mi"], "mile"),
    **dict.fromkeys(["metres", "metre", "meters", "meter", "m"], "metre"),
    **dict.fromkeys(["cm", "centimetres", "centimeters", "centimetre", "centimeter"], "cm"),
    **dict.fromkeys(["feet", "foot", "ft"], "foot"),
    **dict.fromkeys(["hectares", "hectare", "ha"], "hectare"),
    **dict.fromkeys(["acres", "acre"], "acre"),
    **dict.fromkeys(["dunams", "dunam", "dunums", "dunum", "donums"], "dunam"),
    **dict.fromkeys(["litres", "litre", "liters", "liter", "l"], "litre"),
    **dict.fromkeys(["barrels", "barrel", "bpd"], "barrel"),
    **dict.fromkeys(["gallons", "gallon"], "gallon"),
    **dict.fromkeys(["seconds", "second", "secs", "sec"], "second"),
    **dict.fromkeys(["minutes", "minute", "mins", "min"], "minute"),
    **dict.fromkeys(["hours", "hour", "hrs", "hr"], "hour"),
    **dict.fromkeys(["days", "day"], "day"),
    **dict.fromkeys(["weeks", "week"], "week"),
    **dict.fromkeys(["months", "month"], "month"),
    **dict.fromkeys(["years", "year", "yrs", "yr"], "year"),
    **dict.fromkeys(["mph"], "mph"),
    **dict.fromkeys(["kph", "kmh"], "km/h"),
    **dict.fromkeys(["knots"], "knot"),
    **dict.fromkeys(["degrees", "degree"], "degree"),
    **dict.fromkeys(["votes", "vote", "ballots"], "votes"),
    **dict.fromkeys(["seats", "seat"], "seats"),
    **dict.fromkeys(["goals", "goal"], "goals"),
    **dict.fromkeys(["points", "pts"], "points"),
    **dict.fromkeys(["houses", "house", "homes", "buildings", "building", "apartments",
                     "flats"], "buildings"),
    **dict.fromkeys(["vehicles", "vehicle", "cars", "car", "trucks", "lorries", "buses"], "vehicles"),
    **dict.fromkeys(["matches", "games"], "matches"),
    **dict.fromkeys(["countries", "nations", "states"], "countries"),
}
# English words that may stand between a number and its noun ("25 more young children").
EN_STOP = frozenset({
    "of", "and", "or", "to", "in", "on", "at", "for", "from", "by", "with", "as", "than",
    "was", "were", "is", "are", "be", "been", "has", "have", "had", "will", "would", "could",
    "the", "a", "an", "per", "cent", "percent", "who", "which", "that", "this", "these",
    "those", "but", "after", "before", "since", "ago", "until", "into", "over", "under",
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its", "our",
    "when", "while", "where", "said", "says", "say", "not", "no", "out", "up", "down",
    "about", "around", "some", "all", "each", "every", "including", "among", "between",
    "last", "next",  # "£18.7m last week": when, not what
})
# Plural nouns of the lexicon with no plural ending ("10 police cars": "police" modifies "cars").
EN_COLLECTIVE = frozenset({"people", "children", "police", "staff", "personnel"})
# "X square km", "X cubic metres", "X km an hour": (word before unit, unit) -> unit
EN_SQUARE = {"km": "km2", "metre": "m2", "mile": "mile2"}

# Arabic forms after a number (usual spelling; clitics are added by counted.py).
AR_WORDS: dict[str, str] = {
    **dict.fromkeys(["شخص", "شخصا", "أشخاص", "شخصين", "مواطن", "مواطنا", "مواطنين", "مواطنون",
                     "نسمة", "قتيل", "قتيلا", "قتلى", "قتيلين", "جريح", "جريحا", "جرحى", "مصاب",
                     "مصابا", "مصابين", "ضحية", "ضحايا", "فرد", "فردا", "أفراد", "ساكن", "سكان",
                     "راكب", "راكبا", "ركاب", "ناخب", "ناخبا", "ناخبين", "شخصية", "عنصر", "عنصرا",
                     "عناصر"], "people"),
    **dict.fromkeys(["طفل", "طفلا", "أطفال", "طفلين", "طفلان", "طفلة", "طفلتين", "رضيع", "رضيعا",
                     "رضع", "صبي", "صبيا", "فتى", "فتاة", "فتيات", "فتية", "قاصر", "قاصرا", "قاصرين"],
                    "children"),
    **dict.fromkeys(["امرأة", "نساء", "سيدة", "سيدات", "امرأتين", "امرأتان", "نسوة"], "women"),
    **dict.fromkeys(["رجل", "رجلا", "رجال", "رجلين", "رجلان"], "men"),
    **dict.fromkeys(["جندي", "جنديا", "جنود", "جنديين", "عسكري", "عسكريا", "عسكريين"], "soldiers"),
    **dict.fromkeys(["شرطي", "شرطيا", "شرطيين", "شرطيون", "شرطة"], "police"),
    **dict.fromkeys(["مدني", "مدنيا", "مدنيين", "مدنيون"], "civilians"),
    **dict.fromkeys(["طالب", "طالبا", "طلاب", "طالبة", "طالبات", "تلميذ", "تلميذا", "تلاميذ",
                     "طلبة"], "students"),
    **dict.fromkeys(["مريض", "مريضا", "مرضى"], "patients"),
    **dict.fromkeys(["مهاجر", "مهاجرا", "مهاجرين", "مهاجرون", "لاجئ", "لاجئا", "لاجئين",
                     "لاجئون", "نازح", "نازحا", "نازحين"], "migrants"),
    **dict.fromkeys(["لاعب", "لاعبا", "لاعبين", "لاعبون", "لاعبة", "لاعبات"], "players"),
    **dict.fromkeys(["مقاتل", "مقاتلا", "مقاتلين", "مقاتلون", "مسلح", "مسلحا", "مسلحين",
                     "متشدد", "متشددا", "متشددين", "إرهابي", "إرهابيا", "إرهابيين"], "fighters"),
    **dict.fromkeys(["عامل", "عاملا", "عمال", "موظف", "موظفا", "موظفين"], "workers"),
    **dict.fromkeys(["سجين", "سجينا", "سجناء", "معتقل", "معتقلا", "معتقلين", "أسير", "أسيرا",
                     "أسرى", "رهينة", "رهائن"], "prisoners"),
    **dict.fromkeys(["صحفي", "صحفيا", "صحفيين", "صحفيون", "صحافي", "صحافيا", "صحافيين"], "journalists"),
    **dict.fromkeys(["طبيب", "طبيبا", "أطباء"], "doctors"),
    **dict.fromkeys(["دولار", "دولارا", "دولارات"], "USD"),
    **dict.fromkeys(["إسترليني", "استرليني"], "GBP"),
    **dict.fromkeys(["جنيه", "جنيها", "جنيهات"], "pound"),
    **dict.fromkeys(["يورو"], "EUR"),
    **dict.fromkeys(["ريال", "ريالا", "ريالات"], "riyal"),
    **dict.fromkeys(["دينار", "دينارا", "دنانير"], "dinar"),
    **dict.fromkeys(["درهم", "درهما", "دراهم"], "dirham"),
    **dict.fromkeys(["ليرة", "ليرات"], "lira"),
    **dict.fromkeys(["يوان"], "CNY"),
    **dict.fromkeys(["روبية", "روبيات"], "rupee"),
    **dict.fromkeys(["روبل", "روبلا"], "rouble"),
    **dict.fromkeys(["شيكل", "شيكلا", "شواكل"], "shekel"),
    **dict.fromkeys(["كيلوغرام", "كيلوغراما", "كيلوغرامات", "كيلوجرام", "كيلوجراما", "كغ", "كلغ",
                     "كيلو"], "kg"),
    **dict.fromkeys(["طن", "طنا", "أطنان"], "tonne"),
    **dict.fromkeys(["غرام", "غراما", "غرامات", "جرام", "جراما", "جرامات"], "gram"),
    **dict.fromkeys(["رطل", "رطلا", "أرطال"], "lb"),
    **dict.fromkeys(["أوقية", "أونصة"], "ounce"),
    **dict.fromkeys(["كيلومتر", "كيلومترا", "كيلومترات", "كلم", "كم"], "km"),
    **dict.fromkeys(["ميل", "ميلا", "أميال"], "mile"),
    **dict.fromkeys(["متر", "مترا", "أمتار"], "metre"),
    **dict.fromkeys(["سنتيمتر", "سنتيمترا", "سم"], "cm"),
    **dict.fromkeys(["قدم", "أقدام"], "foot"),
    **dict.fromkeys(["هكتار", "هكتارا", "هكتارات"], "hectare"),
    **dict.fromkeys(["فدان", "فدانا", "أفدنة"], "acre"),
    **dict.fromkeys(["دونم", "دونما", "دونمات"], "dunam"),
    **dict.fromkeys(["لتر", "لترا", "لترات"], "litre"),
    **dict.fromkeys(["برميل", "برميلا", "براميل"], "barrel"),
    **dict.fromkeys(["غالون", "غالونا", "غالونات"], "gallon"),
    **dict.fromkeys(["ثانية", "ثوان", "ثواني"], "second"),
    **dict.fromkeys(["دقيقة", "دقائق"], "minute"),
    **dict.fromkeys(["ساعة", "ساعات"], "hour"),
    **dict.fromkeys(["يوم", "يوما", "أيام"], "day"),
    **dict.fromkeys(["أسبوع", "أسبوعا", "أسابيع"], "week"),
    **dict.fromkeys(["شهر", "شهرا", "أشهر", "شهور"], "month"),
    **dict.fromkeys(["عام", "عاما", "أعوام", "سنة", "سنوات", "سنين"], "year"),
    **dict.fromkeys(["عقدة"], "knot"),
    **dict.fromkeys(["درجة", "درجات"], "degree"),
    **dict.fromkeys(["صوت", "صوتا", "أصوات"], "votes"),
    **dict.fromkeys(["مقعد", "مقعدا", "مقاعد"], "seats"),
    **dict.fromkeys(["هدف", "هدفا", "أهداف"], "goals"),
    **dict.fromkeys(["نقطة", "نقاط"], "points"),
    **dict.fromkeys(["منزل", "منزلا", "منازل", "بيت", "بيوت", "مبنى", "مبان", "مباني", "شقة",
                     "شقق"], "buildings"),
    **dict.fromkeys(["سيارة", "سيارات", "مركبة", "مركبات", "شاحنة", "شاحنات"], "vehicles"),
    **dict.fromkeys(["مباراة", "مباريات"], "matches"),
    **dict.fromkeys(["دولة", "دول", "بلدا", "بلدان"], "countries"),
}
# Arabic words after a unit that change it: "كيلومتر مربع", "متر مكعب", "جنيه مصري".
AR_SQUARE = "مربع"
AR_CUBIC = "مكعب"
AR_EGYPTIAN = "مصري"
AR_ASYLUM = "لجوء"  # "طالب لجوء" is an asylum seeker, not a student
# Words before a number (within three words) that make "N عاما" / "N years" an age.
AR_AGE_CUES = frozenset({"يبلغ", "تبلغ", "البالغ", "البالغة", "عمره", "عمرها", "بعمر", "العمر",
                         "عمر", "سن", "بسن", "عمرهم"})
EN_AGE_BEFORE = frozenset({"aged", "age", "ages"})
# Currency written before the number: "$5", "US$ 5", "£515m", "€3", "USD 5".
CURRENCY_BEFORE: dict[str, str] = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY",
                                   "usd": "USD", "gbp": "GBP", "eur": "EUR", "rs": "rupee"}
