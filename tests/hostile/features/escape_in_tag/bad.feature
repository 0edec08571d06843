Feature: Hostile
  @53-FZ.22[2J
  Scenario: hostile
    Given the person is a man
