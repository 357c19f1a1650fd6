"""Page furniture (share bars, video notices, captions, bylines, disclaimers) is cut off and never summarized."""

from __future__ import annotations

import pytest
from conftest import corpus_rows

from summarizer import summarize
from summarizer.articles import split_sentences
from summarizer.furniture import is_furniture

# Openings and passages copied from corpus articles (../shared/corpus), furniture and story run together.
GLUED = [
    (
        "Share this withEmailFacebookMessengerMessengerTwitterPinterestWhatsAppLinkedInCopy this linkBarry Pring, 47,"
        " was killed by a speeding car as he tried to hail a taxi.",
        "Barry Pring, 47, was killed by a speeding car as he tried to hail a taxi.",
    ),
    (
        "Media playback is not supported on this deviceThe American, 32, looked set to take part after warming up"
        " on the range but he then withdrew on the first tee.",
        "The American, 32, looked set to take part after warming up on the range but he then withdrew on the first"
        " tee.",
    ),
    (
        "(CNN)A new Kansas law banning a common second-term abortion procedure is the first of its kind in the"
        " United States.",
        "A new Kansas law banning a common second-term abortion procedure is the first of its kind in the United"
        " States.",
    ),
    (  # CNN Arabic's dateline
        "دبي، الإمارات العربية المتحدة (CNN)— قال اللواء يحيى صفوي، المساعد والمستشار الأعلى للقائد العام للقوات"
        " المسلحة الإيرانية، إن حزب الله اللبناني تحول إلى جيش قوي.",
        "قال اللواء يحيى صفوي، المساعد والمستشار الأعلى للقائد العام للقوات المسلحة الإيرانية، إن حزب الله اللبناني"
        " تحول إلى جيش قوي.",
    ),
    (
        "18 March 2014 Last updated at 09:22 GMTRichard Blake-Smith and his partner Anna beat Vytautas Kirkliauskas"
        " of Lithuania.",
        "Richard Blake-Smith and his partner Anna beat Vytautas Kirkliauskas of Lithuania.",
    ),
]


@pytest.mark.parametrize(("text", "story"), GLUED)
def test_glued_furniture_is_a_sentence_of_its_own(text: str, story: str) -> None:
    sentences = split_sentences(text)
    assert sentences[-1].text == story
    assert all(is_furniture(s.text) for s in sentences[:-1])
    assert not is_furniture(story)
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    "sentence",
    [
        "Scroll down for video",
        "Guilty: Glenn Mason, 56, has said he deeply regrets the attack.",
        "Drug: Trials show Avastin, which is used in several other cancers, gives women about four months.",
        "Pictured: The Silicon Valley shantytown",
        "Follow @BBCNewsbeat on Twitter, BBCNewsbeat on Instagram and Radio1Newsbeat on YouTube",
        "Read more from Karishma: Why a story about bulk shipping matters",
        "Click here to see the full results.",
        "Image copyright Getty Images Image caption",
        "هذا المقال بقلم بشار جرار، متحدث ومدرب غير متفرغ مع برنامج الدبلوماسية العامة - الخارجية الأميركية، والآراء"
        " الواردة أدناه تعبر عن رأي الكاتب ولا تعكس بالضرورة وجهة نظر شبكة CNN.",
        "اقرأ أيضاً:",
        "مصدر الصورة Getty Images",
    ],
)
def test_furniture_sentences(sentence: str) -> None:
    assert is_furniture(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        'He said: "We will rebuild the city."',  # a speaker, not a caption
        "He told (CNN) that the talks were over.",
        "Mr Smith: a life in politics was published in 2010.",
        "He was pictured leaving the court with his lawyer.",
        "The photographer sold the picture to a map maker.",
        "افتتاحية مقال بقلم كاتب مجهول في صحيفة نيويورك تايمز تسببت في هزة داخل البيت الأبيض.",
        "وقال الوزير إن الحكومة ستتحرك.",
    ],
)
def test_story_sentences_are_not_furniture(sentence: str) -> None:
    assert not is_furniture(sentence)


def test_a_share_bar_never_reaches_the_summary_nor_the_key_figures() -> None:
    text = (
        "Share this withEmailFacebookMessengerMessengerTwitterPinterestWhatsAppLinkedInCopy this linkBarry Pring,"
        " 47, was killed by a speeding car as he tried to hail a taxi. Scroll down for video Guilty: Glenn Mason,"
        " 56, has said he deeply regrets the crash. The driver was jailed for 6 years on Friday. His family said"
        " they were relieved. Police thanked 12 witnesses."
    )
    article = summarize(text, engine="extractive", languages=["en"]).articles[0]
    summary = article.summaries["en"]
    assert summary is not None
    assert summary.sentences[0].text.startswith("Barry Pring, 47, was killed")
    shown = " ".join(s.text for s in summary.sentences) + " ".join(f.quote for f in article.key_figures)
    for furniture in ("Share this", "Copy this link", "Scroll down", "Guilty:", "56"):
        assert furniture not in shown


@pytest.mark.corpus
def test_no_corpus_summary_holds_furniture() -> None:
    """The extractive engine on every corpus article: no summary sentence and no key-figure quote is furniture."""
    marks = ("Share this", "Copy this link", "Scroll down for", "Media playback", "Image copyright", "(CNN)")
    for name in ("english.jsonl", "arabic.jsonl"):
        for row in corpus_rows(name):
            result = summarize(row["text"], engine="extractive", languages=[row["lang"]])
            for article in result.articles:
                summary = article.summaries.get(row["lang"])
                shown = [s.text for s in summary.sentences] if summary else []
                shown += [figure.quote for figure in article.key_figures]
                assert not [t for t in shown if is_furniture(t) or any(m in t for m in marks)], row["id"]
