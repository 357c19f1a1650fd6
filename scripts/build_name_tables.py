#!/usr/bin/env python
"""Build summarizer/data/names.json: names of places, people, organisations and nationalities in English and Arabic.

Sources (each entry is a pair English name -> Arabic forms):
* CLDR territory names and exemplar city names in ``en`` and ``ar`` (through ``babel``; Unicode licence);
* ISO 3166 country names with their Arabic translations (``pycountry``'s gettext catalogue; LGPL-2.1 data,
  read at build time only: the shipped table holds names, which are facts);
* ``ArWikiCats`` (MIT): Arabic Wikipedia's translations of place, city, people and nationality names;
* a short hand list of organisations and people that news names often (below, ``EXTRA``).

Run: python scripts/build_name_tables.py  (needs: pip install babel pycountry arwikicats). The output is
committed; the verifier only reads it (summarizer.numbers.names).
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "summarizer" / "data" / "names.json"

EXTRA = {
    "United Nations": ["الأمم المتحدة"],
    "UN": ["الأمم المتحدة"],
    "Hamas": ["حماس", "حركة حماس"],
    "Hezbollah": ["حزب الله"],
    "Fatah": ["فتح", "حركة فتح"],
    "NATO": ["الناتو", "حلف شمال الأطلسي"],
    "European Union": ["الاتحاد الأوروبي"],
    "EU": ["الاتحاد الأوروبي"],
    "Arab League": ["جامعة الدول العربية"],
    "Red Cross": ["الصليب الأحمر"],
    "World Health Organization": ["منظمة الصحة العالمية"],
    "WHO": ["منظمة الصحة العالمية"],
    "UNICEF": ["اليونيسف"],
    "UNRWA": ["الأونروا"],
    "Security Council": ["مجلس الأمن"],
    "White House": ["البيت الأبيض"],
    "Pentagon": ["البنتاغون"],
    "Kremlin": ["الكرملين"],
    "Knesset": ["الكنيست"],
    "Gaza": ["غزة", "قطاع غزة"],
    "West Bank": ["الضفة الغربية"],
    "Jerusalem": ["القدس"],
    "Netanyahu": ["نتنياهو"],
    "Benjamin Netanyahu": ["بنيامين نتنياهو"],
    "Erdogan": ["أردوغان"],
    "Biden": ["بايدن"],
    "Trump": ["ترامب"],
    "Putin": ["بوتين"],
    "Zelensky": ["زيلينسكي"],
    "Guterres": ["غوتيريش"],
    "Sisi": ["السيسي"],
    "Macron": ["ماكرون"],
    "Houthis": ["الحوثيون", "الحوثي"],
    "Taliban": ["طالبان"],
    "ISIS": ["داعش"],
    "Islamic State": ["تنظيم الدولة", "الدولة الإسلامية"],
    "Al Jazeera": ["الجزيرة"],
    "Reuters": ["رويترز"],
    "OPEC": ["أوبك"],
    "IMF": ["صندوق النقد الدولي"],
    "World Bank": ["البنك الدولي"],
}

_PAREN = re.compile(r"\s*\(.*?\)")


def _add(table: dict[str, set[str]], en: str, ar: str, checked: bool = False) -> None:
    """Add a pair; ``checked`` False (ArWikiCats) leaves out pairs whose English name is a common word
    ("world", "sport") or whose Arabic form is a common word (وفي, انا; stricter for three letters or
    fewer): that list holds category keys and short given names that are words too."""
    en = _PAREN.sub("", en).strip()
    ar = _PAREN.sub("", ar).strip()
    if not checked and ("," in en or _common(en, "en", 5.0) or _common(ar, "ar", 4.0 if len(ar) <= 3 else 4.8)):
        return
    if not en or not ar or any(c.isdigit() for c in en + ar) or len(en) < 2:
        return
    if not re.fullmatch(r"[\u0600-\u06ff ]+", ar) or len(ar.split()) > 4 or len(en.split()) > 4:
        return
    table.setdefault(en.lower(), set()).add(ar)


def _common(name: str, language: str, limit: float) -> bool:
    from wordfreq import zipf_frequency

    return " " not in name and zipf_frequency(name, language) >= limit


def main() -> None:
    from babel import Locale

    table: dict[str, set[str]] = {}
    sources = []
    en, ar = Locale("en"), Locale("ar")
    for code, name in en.territories.items():
        if code in ar.territories and not code.isdigit():
            _add(table, name, ar.territories[code], checked=True)
    import zoneinfo

    from babel.dates import get_timezone_location
    from babel.localedata import locale_identifiers  # noqa: F401  (babel's data is present)

    for zone in sorted(zoneinfo.available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/", "Canada/")):
            continue
        try:
            _add(
                table,
                get_timezone_location(zone, "en", return_city=True),
                get_timezone_location(zone, "ar", return_city=True),
                checked=True,
            )
        except LookupError:
            continue
    sources.append("CLDR via babel (Unicode licence): territories, exemplar cities")
    try:
        import pycountry

        ar_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(country, attr, None)
                if name and (translated := ar_iso.gettext(name)) != name:
                    _add(table, name, translated, checked=True)
        sources.append("ISO 3166 via pycountry (names only)")
    except ImportError:
        print("pycountry not installed: skipped", file=sys.stderr)
    spec = importlib.util.find_spec("ArWikiCats")  # its data files only: importing it logs and needs extras
    if spec and spec.submodule_search_locations:
        base = Path(next(iter(spec.submodule_search_locations))) / "jsons"
        for part in (
            "cities/cities_full.json",
            "geography/P17_2_final_ll.json",
            "geography/P17_PP.json",
            "people/peoples.json",
        ):
            for name, arabic in json.loads((base / part).read_text(encoding="utf-8")).items():
                if isinstance(arabic, str):
                    _add(table, name, arabic)
        for adjective, forms in json.loads((base / "nationalities/nationalities_data.json").read_text("utf-8")).items():
            for key in ("male", "males", "female", "the_male", "the_female"):
                if forms.get(key):
                    _add(table, adjective, forms[key])
            if forms.get("en") and forms.get("ar"):
                _add(table, forms["en"], forms["ar"])
        sources.append("ArWikiCats (MIT): cities, places, people, nationality adjectives")
    else:
        print("ArWikiCats not installed: skipped", file=sys.stderr)
    for name, forms in EXTRA.items():
        for form in forms:
            _add(table, name, form, checked=True)
    sources.append("hand list (organisations and people news names often)")
    data = {"sources": sources, "names": {k: sorted(v) for k, v in sorted(table.items())}}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(table)} English names, {sum(len(v) for v in table.values())} Arabic forms -> {OUT}")


if __name__ == "__main__":
    main()
