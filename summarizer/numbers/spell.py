"""Integers -> words, in English and in Arabic (nominative or accusative/genitive).

Used by tests and the evaluation to write faithful rewrites of numbers. Arabic
uses the masculine counted-noun forms (ثلاثة آلاف, خمسة وثلاثون ألفا).
"""

from __future__ import annotations

__all__ = ["spell_en", "spell_ar", "group_digits"]

_EN_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def _en_below_1000(n: int) -> str:
    parts = []
    if n >= 100:
        parts.append(_EN_SMALL[n // 100] + " hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(_EN_TENS[n // 10] + ("-" + _EN_SMALL[n % 10] if n % 10 else ""))
    elif n:
        parts.append(_EN_SMALL[n])
    return " ".join(parts)


def spell_en(n: int) -> str:
    """English words for 0 <= n < 10**15 ("two hundred and fifty-two")."""
    if n == 0:
        return "zero"
    parts = []
    for value, name in _EN_SCALES:
        if n >= value:
            parts.append(_en_below_1000(n // value) + " " + name)
            n %= value
    if n:
        parts.append(_en_below_1000(n))
    return " ".join(parts)


_AR_UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_AR_TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_AR_HUNDREDS = ["", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة"]
# scale: (singular, accusative singular, dual nominative, dual accusative, plural)
_AR_SCALES = [
    (10**9, ("مليار", "مليارا", "ملياران", "مليارين", "مليارات")),
    (10**6, ("مليون", "مليونا", "مليونان", "مليونين", "ملايين")),
    (10**3, ("ألف", "ألفا", "ألفان", "ألفين", "آلاف")),
]


def _acc(word: str, acc: bool) -> str:
    """Accusative/genitive of a number word (اثنان -> اثنين, عشرون -> عشرين, مئتان -> مئتين)."""
    if not acc:
        return word
    if word.endswith("ان"):
        return word[:-2] + "ين"
    if word.endswith("ون"):
        return word[:-2] + "ين"
    return word


def _ar_below_100(n: int, acc: bool) -> str:
    if n == 0:
        return ""
    if n < 10:
        return _acc(_AR_UNITS[n], acc)
    if n == 10:
        return "عشرة"
    if n == 11:
        return "أحد عشر"
    if n == 12:
        return ("اثني" if acc else "اثنا") + " عشر"
    if n < 20:
        return _AR_UNITS[n - 10] + " عشر"
    t, u = divmod(n, 10)
    tens = _acc(_AR_TENS[t], acc)
    return (_acc(_AR_UNITS[u], acc) + " و" + tens) if u else tens


def _ar_below_1000(n: int, acc: bool) -> str:
    h, rest = divmod(n, 100)
    parts = []
    if h:
        parts.append(_acc(_AR_HUNDREDS[h], acc))
    if rest:
        parts.append(_ar_below_100(rest, acc))
    return " و".join(parts)


def spell_ar(n: int, case: str = "nom") -> str:
    """Arabic words for 0 <= n < 10**12; case "nom" (مرفوع) or "acc" (منصوب/مجرور)."""
    acc = case != "nom"
    if n == 0:
        return "صفر"
    parts = []
    for value, (sg, acc_sg, du_nom, du_acc, pl) in _AR_SCALES:
        c, n = divmod(n, value)
        if not c:
            continue
        if c == 1:
            parts.append(sg)
        elif c == 2:
            parts.append(du_acc if acc else du_nom)
        else:
            r = c % 100
            count = _ar_below_1000(c, acc)
            if 3 <= r <= 10:
                parts.append(count + " " + pl)
            elif 11 <= r <= 99:
                parts.append(count + " " + acc_sg)
            else:
                parts.append(count + " " + sg)
    if n:
        parts.append(_ar_below_1000(n, acc))
    return " و".join(parts)


def group_digits(n: int, sep: str = ",") -> str:
    """ "35800" -> "35,800" (any separator, e.g. the Arabic "٬")."""
    return f"{n:,}".replace(",", sep)
