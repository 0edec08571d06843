"""Decisions as readers and programs see them: text, Markdown, JSON, timelines; languages (babel, gettext)."""
