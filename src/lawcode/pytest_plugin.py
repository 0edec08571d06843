"""pytest plugin: runs reviewers' Gherkin features against the rulebook (filled in by issue 3)."""
