"""Prompt templates shipped with summarizer (installed as summarizer.prompt_templates)."""
