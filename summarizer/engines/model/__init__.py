"""The model engine: any task over an OpenAI-compatible chat model, checked and repaired.

Files follow the flow, one job each:

- ``templating``: the versioned Jinja2 prompt templates (shipped in ``prompts/``), rendered in a sandbox;
- ``client``: the back-end seam (``ChatBackend``, ``OpenAIBackend``, error mapping, whether the
  server takes ``json_schema``, learnt once and handed to rendering as ``schema_in_prompt``);
- ``task``: the ``Task`` interface below;
- ``conversation``: ask, one corrective retry, repair rounds, the context-window stop and
  map-reduce for long articles, written once for every task;
- ``summarize``: the summarization task and the engine's per-article entry ``ModelSummarizer``;
- ``caching``: an article's conversation replayed from the cache (summarizer.cache);
- ``batch``: the OpenAI Batch API (request file, upload, status, collect into the conversation);
- ``translate``: the translation task and its entries ``translate_article`` (one article) and
  ``ModelTranslator`` (the per-article function of a run, cached like summaries);
- ``budget`` (what fits), ``counting`` and ``chunking`` (tokens, with ``tiktoken_cache`` for offline
  tiktoken), ``catalogue`` (context windows; prices are summarizer.pricing) and ``estimate`` (the dry run).

A task implements ``summarizer.engines.model.task.Task``: ``template`` (its first prompt's
template name) and ``schema_name``; ``schema(compact)`` (the reply schema for its languages and
limits); ``units(article)`` (the numbered sentences or paragraphs chunks keep whole);
``request`` (its messages, given ``schema_in_prompt``); ``parse`` (reply text to its reply model,
ParseError otherwise); ``retry_variables``; ``build`` (reply to output, located in the article);
``check`` (a report with ``ok``); ``repair`` (the follow-up message) and ``unresolved_note``. A task
that also has ``merge`` and ``chunked_note`` (``task.MergingTask``, as summarization) is asked in
chunks when the article is too long for one request; any other is asked in one. A new task is one
such module plus its templates; ``conversation.converse(article, task, run)`` runs it unchanged.
"""

from summarizer.engines.model.estimate import estimate_articles
from summarizer.engines.model.summarize import ModelSummarizer

__all__ = ["ModelSummarizer", "estimate_articles"]
