Feature: Age
  @53-FZ.22.1.а
  Scenario: a man of 23 in 2024
    Given the person is a man
    And he was born on 10 May 2000
    When I ask for conscription.liable_by_age on 2024-04-15
    Then the answer is yes
