"""Page furniture: what a news page prints around a story that is not the story.

Share bars, video and image notices, captions, bylines, disclaimers and "read more" links reach the
tool with the text when a page is copied or scraped. Two kinds are recognised here, in English and
Arabic, from the forms found in real pages (the BBC, CNN, the Daily Mail, BBC Arabic, CNN Arabic):

- **glued** furniture, which pages run into the story with no sentence break ("Share this with
  EmailFacebook…Copy this linkThe measure…", "Media playback is not supported on this deviceThe
  American…", "Scroll down for video Drug: Trials show…"): :func:`furniture_cuts` gives where the
  sentence splitter must cut so that the furniture is a sentence of its own;
- **sentence** furniture, a whole sentence that is furniture (a caption such as "Guilty: Glenn Mason,
  56, has said…", a caption ending in an agency credit, a byline, a disclaimer, a "Follow us" line):
  :func:`is_furniture`.

Furniture sentences keep their place and number in the article (the model sees them, citations stay
exact); summaries and key figures never use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Furniture that pages glue to the story's text: each match becomes a sentence of its own.
_GLUED = re.compile(
    # each alternative opens with one of these characters: checked first, the search skips ahead (3x faster)
    "(?=[SMIL\\dمحت])(?:"
    + "|".join(
        (
            # the BBC's share bar: "Share this with" then the services, run together, then "Copy this link"
            r"Share this with(?:\s*(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|Whatsapp|LinkedIn|Linkedin"
            r"|Google\+|Reddit|Tumblr))*\s*Copy this link",
            r"Media playback is (?:not supported|unsupported) on (?:this|your) device",
            r"Scroll down for (?:the )?videos?",
            r"Image copyright [^\n]{1,60}?Image caption",
            r"Image (?:copyright|caption)",
            r"\d{1,2} [A-Z][a-z]+ \d{4} Last updated at \d{1,2}:\d\d(?: GMT| BST)?",
            r"Last updated at \d{1,2}:\d\d(?: GMT| BST)?",
            r"(?:مصدر|حقوق) الصورة",
            r"تعليق على الصورة",
        )
    )
    + ")"
)

# A dateline at the start of a sentence: "(CNN)A trip…", "دبي، الإمارات العربية المتحدة (CNN)— قال…".
_DATELINE = re.compile(r"[\u200b-\u200f\ufeff]*(?:(?:[A-Z][\w.'-]*|[\u0600-\u06ff][\w-]*)[،,]?\s+){0,6}\(CNN\)[\s—–-]*")

# Picture captions (the Daily Mail's "Guilty: Glenn Mason, 56, has said …") run into the next caption or into
# the story with no full stop: "… sexual assault A senior doctor …", "… Raqqa Downtrodden: In scenes …".
_CAPTION = re.compile(r"[A-Z][a-z]+:\s*(?![\"“‘'])\S")
_CAPTION_END = re.compile(
    r"(?<=[a-z0-9)’']) (?:(?P<caption>[A-Z][a-z-]+(?: [a-z-]+){0,3}:\s)|(?P<story>(?:A|An|The|Each|According to) ))"
)

# Whole sentences that are furniture. Case matters in the first group (a caption's capital, an agency's name).
_SENTENCE_CASED = re.compile(
    "|".join(
        (
            # a caption or a section label: one capitalised word and a colon ("Guilty: Glenn Mason, 56, …",
            # "Pictured: The Silicon Valley shantytown", "Loan: …"); not a speaker ("Mr Smith: …", two words)
            r"^[A-Z][a-z]+:\s*(?![\"“‘'])\S",
            # captions that end with the picture agency's credit
            r"\b(?:Photo|Picture|Image)s?:? (?:by |courtesy of )?[^.]{0,40}\b(?:Getty|Reuters|AFP|AP|PA|EPA|Rex)\b",
            r"\((?:Getty Images|Reuters|AFP|AP|PA|EPA|Rex Features|Shutterstock)\)\.?$",
            r"^By \. ",
            r"^Image (?:copyright|caption)\b",
            r"^(?:PUBLISHED|UPDATED): \.",
            r"^Follow (?:@\w+|us|[A-Z][a-z]+) on (?:Twitter|Facebook|Instagram)",
            r"^Read more(?: from| on|:)",
        )
    )
)
_SENTENCE = re.compile(
    "|".join(
        (
            r"\bclick here\b",
            r"\bshare this article\b",
            # Arabic: "read also", "follow us", "watch:", an op-ed's disclaimer, archive-photo credits
            r"اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|تابعونا",
            r"^شاهد\s*:",
            r"بقلم .{0,300}(?:لا تعكس|لا يعبر|لا تعبر)",
            r"(?:لا تعكس|لا تعبر) بالضرورة (?:عن )?(?:وجهة نظر|رأي|موقف)",
            r"صورة (?:أرشيفية|ارشيفية)",
            r"^(?:مصدر|حقوق) الصورة|^تعليق على الصورة",
        )
    ),
    re.IGNORECASE,
)


def furniture_cuts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets inside ``text[start:end]`` where glued furniture begins or ends (a sentence must break there)."""
    if (dateline := _DATELINE.match(text, start, end)) and dateline.end() < end:
        yield dateline.end()
    if _CAPTION.match(text, start, end):
        for caption_end in _CAPTION_END.finditer(text, start, end):
            yield caption_end.start() + 1
            if caption_end["story"]:
                break  # the story has begun: no more captions in this sentence
    for match in _GLUED.finditer(text, start, end):
        if match.start() > start:
            yield match.start()
        if match.end() < end:
            yield match.end()


def is_furniture(sentence: str) -> bool:
    """True when the sentence is page furniture, not the story (module docstring)."""
    return (
        _GLUED.fullmatch(sentence.strip(" .:")) is not None
        or _DATELINE.fullmatch(sentence) is not None
        or _SENTENCE_CASED.search(sentence) is not None
        or _SENTENCE.search(sentence) is not None
    )
