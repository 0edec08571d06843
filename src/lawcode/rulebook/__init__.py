"""Reading the law: safe YAML with positions, the model (frozen data), loading, static checks.

Knows nothing of the engine, rendering or reviewers' tools.
"""
