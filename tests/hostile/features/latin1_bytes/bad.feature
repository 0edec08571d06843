Feature: Hostile
  @53-FZ.22
  Scenario: café
    Given the person is a man
