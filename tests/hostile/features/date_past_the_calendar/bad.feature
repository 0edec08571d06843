Feature: Hostile
  @53-FZ.22.1.а
  Scenario: hostile
    Given the person is a man
    And he was born on 31 December 9999
    When I ask for conscription.liable_by_age on 2024-04-15
    Then the answer is no
