"""summarizer: grounded bilingual (Arabic/English) news summaries with a deterministic number verifier.

Public API::

    from summarizer import summarize, verify
    result = summarize(text)            # SummaryResult, one ArticleResult per article
    report = verify(source, output)     # VerificationReport
"""

from summarizer.api import estimate, summarize, verify
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
from summarizer.results import ArticleResult, KeyFigure, Summary, SummaryResult, SummarySentence, Verification

__version__ = "0.1.0"

__all__ = [
    "ArticleResult",
    "Config",
    "ConfigurationError",
    "InputError",
    "KeyFigure",
    "ModelError",
    "NumberMention",
    "ParseError",
    "ReplyProblem",
    "Summary",
    "SummaryResult",
    "SummarySentence",
    "SummarizerError",
    "Verification",
    "VerificationReport",
    "__version__",
    "estimate",
    "summarize",
    "verify",
]
