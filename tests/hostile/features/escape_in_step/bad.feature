Feature: Hostile
  @53-FZ.22.1.а
  Scenario: hostile
    Given the person is a [2J[31mman
