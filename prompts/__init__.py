"""The prompt templates shipped with summarizer (installed as the package data summarizer.prompts)."""
