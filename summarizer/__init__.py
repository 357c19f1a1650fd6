"""summarizer: grounded bilingual (Arabic/English) news summaries with a deterministic number verifier.

Public API::

    from summarizer import summarize, verify
    result = summarize(text)            # SummaryResult, one ArticleResult per article
    translation = translate(text, target="en")  # TranslationResult, paragraphs with a two-way number check
    report = verify(source, output)     # VerificationReport
"""

from summarizer.api import estimate, estimate_translation, summarize, translate, verify
from summarizer.config import Config
from summarizer.errors import (
    ConfigurationError,
    InputError,
    ModelError,
    ParseError,
    ReplyProblem,
    SummarizerError,
)
from summarizer.numbers import NumberMention, VerificationReport
from summarizer.results import (
    ArticleResult,
    ArticleTranslation,
    KeyFigure,
    NumberCheck,
    Summary,
    SummaryResult,
    SummarySentence,
    TranslatedParagraph,
    TranslationResult,
    Verification,
)

__version__ = "0.1.0"

__all__ = [
    "ArticleResult",
    "ArticleTranslation",
    "Config",
    "ConfigurationError",
    "InputError",
    "KeyFigure",
    "ModelError",
    "NumberCheck",
    "NumberMention",
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
    "summarize",
    "translate",
    "verify",
]
