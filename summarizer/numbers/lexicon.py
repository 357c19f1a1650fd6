"""Word lists for number extraction (data only).

Arabic entries are written in their usual spelling; the extractor folds hamza
forms (أ/إ/آ/ٱ -> ا), alif maqsura (ى -> ي), taa marbuta (ة -> ه), diacritics and
tatweel before looking words up, so each entry also stands for those variants.
Spelling variants that folding does not cover (مئة/مائة, ثمانمئة/ثمانمائة,
ثماني/ثمان ...) are listed explicitly.
"""

from __future__ import annotations

# ---------------------------------------------------------------- English
EN_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
EN_TEENS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_HUNDRED = "hundred"
EN_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
# Abbreviated scales written after digits ("1.2bn", "$3m", "10k").
EN_SCALE_ABBREV: dict[str, int] = {
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "bn": 10**9,
    "b": 10**9,
    "bln": 10**9,
    "tn": 10**12,
    "trn": 10**12,
}
# "m"/"b" alone are only scales right after a currency sign ("$3m"); otherwise metres, bytes...
EN_SCALE_ABBREV_NEEDS_CURRENCY = frozenset({"m", "b"})
CURRENCY_SIGNS = frozenset("$£€¥")

EN_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
EN_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# Denominators usable as fractions: "a third", "two-thirds", "three quarters".
EN_FRACTION_DENOMS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
EN_DOZEN = "dozen"
EN_ARTICLES = frozenset({"a", "an"})
EN_PERCENT_WORDS = frozenset({"percent", "pct"})  # plus the two-word "per cent"
EN_AM_PM = frozenset({"am", "pm"})
# Vague quantities ("dozens", "hundreds", "several") are not number words: no entry here reads them.
# "one" is a pronoun, not a count, after these words or before these words.
EN_ONE_PRONOUN_BEFORE = frozenset(
    {
        "no",
        "any",
        "every",
        "each",
        "the",
        "this",
        "that",
        "which",
        "some",
        "another",
        "someone",
        "anyone",
        "little",
        "only",
        "last",
        "such",
        "who",
    }
)
EN_ONE_PRONOUN_AFTER = frozenset({"of", "another", "by", "who", "that", "which"})

EN_MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Month words that are also ordinary English words: only months when capitalised.
EN_MONTHS_CAPITAL_ONLY = frozenset(
    {"may", "march", "mar", "jan", "dec", "sept", "sep", "oct", "nov", "aug", "jun", "jul", "apr", "feb"}
)

EN_YEAR_CONTEXT = frozenset(
    {
        "in",
        "since",
        "of",
        "by",
        "until",
        "till",
        "from",
        "year",
        "during",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "season",
        "census",
        "between",
        "around",
        "circa",
        "c",
        "through",
        "fiscal",
        "to",
        "and",
        "election",
        "elections",
        "cup",
        "olympics",
    }
)

# Words that attach to a number to make an identifier ("Boeing 737").
CODE_FAMILY_WORDS: dict[str, str] = {
    "boeing": "BOEING",
    "airbus": "AIRBUS",
    "iphone": "IPHONE",
    "galaxy": "GALAXY",
    "windows": "WINDOWS",
    "playstation": "PLAYSTATION",
    "xbox": "XBOX",
    "بوينغ": "BOEING",
    "بوينج": "BOEING",
    "ايرباص": "AIRBUS",
    "ايفون": "IPHONE",
    # Latin letters spelled in Arabic before a space: "تي 20" is T20, "إف 16" F-16 (an identifier, not 20)
    "تي": "T",
    "اف": "F",
    "جي": "G",
    "سي": "C",
    "كوفيد": "COVID",
    "ميغ": "MIG",
    "ميج": "MIG",
}
# Lower-case words that still form identifiers with "-digits" ("covid-19").
CODE_PREFIX_WORDS: dict[str, str] = {
    "covid": "COVID",
    "sars": "SARS",
    "mers": "MERS",
    "كوفيد": "COVID",
    "كورونا": "CORONA",
    "اف": "F",
    "ميغ": "MIG",
    "ميج": "MIG",
    "سو": "SU",
    "جي": "G",
    "بي": "B",
    "اي": "A",
    "سي": "C",
    "تي": "T",
    "ام": "M",
}
# Unit suffixes glued to digits that leave the number a plain cardinal ("10km").
EN_UNIT_SUFFIXES = frozenset(
    {
        "km",
        "kg",
        "cm",
        "mm",
        "m",
        "ft",
        "mph",
        "kmh",
        "kph",
        "lb",
        "lbs",
        "g",
        "mg",
        "ml",
        "l",
        "gb",
        "mb",
        "tb",
        "kb",
        "kw",
        "mw",
        "gw",
        "kwh",
        "mwh",
        "hz",
        "ghz",
        "mhz",
        "x",
        "cc",
        "hp",
        "bhp",
        "ha",
        "yr",
        "yrs",
        "yo",
        "sq",
        "oz",
        "mi",
        "in",
        "min",
        "mins",
        "hr",
        "hrs",
        "sec",
        "secs",
        "ms",
        "t",
        "c",
        "f",
        "v",
        "w",
        "mp",
        "nm",
        "bp",
        "pts",
        "pt",
        "mpg",
        "ppm",
        "db",
    }
)

# ---------------------------------------------------------------- Arabic
# Cardinal units, both genders, nominative and accusative/genitive.
AR_UNITS: dict[str, int] = {
    "صفر": 0,
    "واحد": 1,
    "واحدة": 1,
    "واحدا": 1,
    "واحدًا": 1,
    "اثنان": 2,
    "اثنين": 2,
    "اثنتان": 2,
    "اثنتين": 2,
    "ثنتان": 2,
    "ثنتين": 2,
    "ثلاث": 3,
    "ثلاثة": 3,
    "أربع": 4,
    "أربعة": 4,
    "خمس": 5,
    "خمسة": 5,
    "ست": 6,
    "ستة": 6,
    "سبع": 7,
    "سبعة": 7,
    "ثماني": 8,
    "ثمان": 8,
    "ثمانية": 8,
    "ثمانى": 8,
    "تسع": 9,
    "تسعة": 9,
}
AR_TEN: dict[str, int] = {"عشر": 10, "عشرة": 10}
# First word of 11 and 12 ("أحد عشر", "اثنا عشر"); only numbers before عشر/عشرة.
AR_TEEN_FIRST: dict[str, int] = {
    "أحد": 1,
    "إحدى": 1,
    "احدى": 1,
    "اثنا": 2,
    "اثني": 2,
    "اثنتا": 2,
    "اثنتي": 2,
}
AR_TENS: dict[str, int] = {
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "أربعون": 40,
    "أربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
}
_AR_HUNDRED_STEMS: dict[str, int] = {
    "ثلاث": 3,
    "أربع": 4,
    "خمس": 5,
    "ست": 6,
    "سبع": 7,
    "ثمان": 8,
    "ثماني": 8,
    "تسع": 9,
}
AR_HUNDREDS: dict[str, int] = {
    "مئة": 100,
    "مائة": 100,
    "مية": 100,
    "مئتان": 200,
    "مئتين": 200,
    "مئتا": 200,
    "مئتي": 200,
    "مائتان": 200,
    "مائتين": 200,
    "مائتا": 200,
    "مائتي": 200,
    **{stem + h: v * 100 for stem, v in _AR_HUNDRED_STEMS.items() for h in ("مئة", "مائة")},
}

# Scales: form "sg" (after 1, 11-99, 100+, or alone = 1x), "pl" (after 3-10;
# alone it is a vague quantity), "du" (dual = 2x, only alone).
AR_SCALES: dict[str, tuple[int, str]] = {
    "ألف": (10**3, "sg"),
    "ألفا": (10**3, "sg"),
    "ألفًا": (10**3, "sg"),
    "آلاف": (10**3, "pl"),
    "ألوف": (10**3, "pl"),
    "ألفان": (10**3, "du"),
    "ألفين": (10**3, "du"),
    "ألفي": (10**3, "du"),
    "مليون": (10**6, "sg"),
    "مليونا": (10**6, "sg"),
    "ملايين": (10**6, "pl"),
    "مليونان": (10**6, "du"),
    "مليونين": (10**6, "du"),
    "مليوني": (10**6, "du"),
    "مليار": (10**9, "sg"),
    "مليارا": (10**9, "sg"),
    "مليارات": (10**9, "pl"),
    "ملياران": (10**9, "du"),
    "مليارين": (10**9, "du"),
    "ملياري": (10**9, "du"),
    "بليون": (10**9, "sg"),
    "بليونا": (10**9, "sg"),
    "بلايين": (10**9, "pl"),
    "بليونان": (10**9, "du"),
    "بليونين": (10**9, "du"),
    "تريليون": (10**12, "sg"),
    "تريليونا": (10**12, "sg"),
    "تريليونات": (10**12, "pl"),
    "تريليونان": (10**12, "du"),
    "تريليونين": (10**12, "du"),
}
# Ordinals (masculine, feminine); the parser accepts the ال forms and, for the
# masculine, the bare form ("ثالث أكبر").
AR_ORDINALS: dict[str, int] = {
    "أول": 1,
    "أولى": 1,
    "ثاني": 2,
    "ثانية": 2,
    "ثالث": 3,
    "ثالثة": 3,
    "رابع": 4,
    "رابعة": 4,
    "خامس": 5,
    "خامسة": 5,
    "سادس": 6,
    "سادسة": 6,
    "سابع": 7,
    "سابعة": 7,
    "ثامن": 8,
    "ثامنة": 8,
    "تاسع": 9,
    "تاسعة": 9,
    "عاشر": 10,
    "عاشرة": 10,
}
# الحادي / الحادية: "eleventh", "twenty-first" ... only in compounds.
AR_ORDINAL_ONE_COMPOUND: dict[str, int] = {"حادي": 1, "حادية": 1}
AR_FRACTIONS: dict[str, tuple[int, int]] = {
    "نصف": (1, 2),
    "ثلث": (1, 3),
    "ربع": (1, 4),
    "ثلثا": (2, 3),
    "ثلثي": (2, 3),
}
# Plural denominators used after a count ("ثلاثة أرباع").
AR_FRACTION_PLURALS: dict[str, int] = {"أرباع": 4, "أثلاث": 3, "أخماس": 5}
AR_TIME_AFTER: dict[str, int] = {
    # word after a clock time -> hours to add when the hour is below 12
    "صباحا": 0,
    "صباحًا": 0,
    "فجرا": 0,
    "ظهرا": 12,
    "عصرا": 12,
    "مساء": 12,
    "مساءً": 12,
    "ليلا": 12,
}

AR_MONTHS: dict[str, int] = {
    "يناير": 1,
    "جانفي": 1,
    "فبراير": 2,
    "فيفري": 2,
    "مارس": 3,
    "أبريل": 4,
    "إبريل": 4,
    "أفريل": 4,
    "مايو": 5,
    "ماي": 5,
    "يونيو": 6,
    "يونيه": 6,
    "جوان": 6,
    "يوليو": 7,
    "يوليه": 7,
    "جويلية": 7,
    "أغسطس": 8,
    "أوت": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    "دجنبر": 12,
    "شباط": 2,
    "آذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "أيلول": 9,
}
# Two-word Levantine months: first word -> {second word: month}.
AR_MONTHS_TWO_WORD: dict[str, dict[str, int]] = {
    "كانون": {"الثاني": 1, "الأول": 12},
    "تشرين": {"الأول": 10, "الثاني": 11},
}
AR_YEAR_CONTEXT = frozenset(
    {
        "عام",
        "العام",
        "سنة",
        "السنة",
        "منذ",
        "حتى",
        "في",
        "خلال",
        "مطلع",
        "بداية",
        "نهاية",
        "أواخر",
        "أوائل",
        "منتصف",
        "قبل",
        "بعد",
        "موسم",
        "الموسم",
        "عامي",
        "سنوات",
        "ميزانية",
        "انتخابات",
        "مونديال",
        "كأس",
        "إلى",
        "الى",
        "و",
        "من",
    }
)

# Clitics that may be glued to a number word or digits: conjunctions and
# prepositions, optionally followed by the article.
AR_PREFIXES: tuple[str, ...] = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
AR_ARTICLE_PREFIXES: tuple[str, ...] = ("ال", "وال", "بال", "لل", "فال", "كال", "وبال", "ولل")
# Cardinals that never take the article as numbers (الاثنين = Monday, الست = the lady).
AR_NO_ARTICLE = frozenset({"اثنين", "اثنان", "ست", "واحد", "واحدة"})
