"""Answering questions: the version in force, cases, combination, three-valued logic, the record.

Knows nothing of rendering, languages, pytest or files.
"""
