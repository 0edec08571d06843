"""Reviewers' tools: the step vocabulary, feature files, the pytest plugin, coverage and the report.

Built on the public API (``lawcode.api``) and the renderers only.
"""
