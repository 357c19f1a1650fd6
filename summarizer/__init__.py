"""summarizer: grounded bilingual (Arabic/English) news summaries with a deterministic verifier of
numbers, dates, quotes and names.

Public API::

    from summarizer import read_text, summarize, verify
    text = read_text("feed.txt")        # str; decoding notes in text.notes
    result = summarize(text)            # SummaryResult, one ArticleResult per article
    for article in summarize_many(["feed.jsonl", "folder/"]):  # as each completes, with .input and .error
    translation = translate(text, target="en")  # TranslationResult, paragraphs with a two-way number, date and name check
    for article in translate_many(["feed.jsonl"], target="en"):  # the same, one translation at a time
    report = verify(source, output)     # VerificationReport
"""

from summarizer.api import (
    ArticleStream,
    estimate,
    estimate_translation,
    summarize,
    summarize_many,
    translate,
    translate_many,
    verify,
)
from summarizer.config import Config
from summarizer.errors import (
    ConfigurationError,
    InputError,
    ModelError,
    ParseError,
    ReplyProblem,
    SummarizerError,
)
from summarizer.inputs import DecodedText, read_text
from summarizer.numbers import NumberMention, VerificationReport
from summarizer.results import (
    ArticleError,
    ArticleResult,
    KeyFigure,
    NumberCheck,
    NumberState,
    Summary,
    SummaryResult,
    SummarySentence,
    Verification,
)
from summarizer.translation_results import (
    ArticleTranslation,
    ParagraphNumbers,
    TranslatedParagraph,
    TranslationResult,
)

__version__ = "0.1.0"

__all__ = [
    "ArticleError",
    "ArticleResult",
    "ArticleStream",
    "ArticleTranslation",
    "Config",
    "ConfigurationError",
    "DecodedText",
    "InputError",
    "KeyFigure",
    "ModelError",
    "NumberCheck",
    "NumberMention",
    "NumberState",
    "ParagraphNumbers",
    "ParseError",
    "ReplyProblem",
    "Summary",
    "SummaryResult",
    "SummarySentence",
    "SummarizerError",
    "TranslatedParagraph",
    "TranslationResult",
    "Verification",
    "VerificationReport",
    "__version__",
    "estimate",
    "estimate_translation",
    "read_text",
    "summarize",
    "summarize_many",
    "translate",
    "translate_many",
    "verify",
]
