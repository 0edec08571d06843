Feature: Valid reasons for not appearing, each only with documentary proof (53-FZ art. 7 para. 2)
  "Valid reasons for a citizen's non-appearance in response to a summons of the military commissariat, on
  condition that the reason for non-appearance is confirmed by documents, are" (docs/law/valid-reasons.md):
  - his illness or injury involving loss of capacity to work (illness);
  - the grave illness of a listed close relative, or attending that relative's funeral (relative);
  - an obstacle from force majeure, or another circumstance beyond his will (force_majeure);
  - other reasons accepted as valid by the draft board, the initial-registration commission or a court (accepted).
  The list is closed: a business trip or a holiday abroad is not on it and cannot even be given as a reason
  (the facts are refused; tests/rules/test_restrictions.py checks that). Without documents no reason counts.
  Every expected value below was counted by hand from the law, not taken from the program.

  @53-FZ.7.2
  Scenario Outline: Valid reasons: each of the four statutory reasons excuses when it is documented
    Given his reason for not appearing is <reason>
    And the reason is documented
    When I ask for non_appearance.excused on 1 December 2024
    Then the answer is yes
    And the decision rests on case <case>
    And the explanation cites 53-FZ art. 7 para. 2
    And the explanation says "<says>"
    And the explanation is not flagged unverified

    Examples:
      | reason        | case          | says                                          |
      | illness       | illness       | illness or injury involving loss of capacity to work |
      | relative      | relative      | attending the funeral of one of them          |
      | force_majeure | force-majeure | force majeure                                 |
      | accepted      | accepted      | accepted as valid by the draft board          |

  @53-FZ.7.2
  Scenario: Valid reasons: a reason given by its label in the law
    Given his reason for not appearing is grave illness or funeral of a listed relative
    And the reason is documented
    When I ask for non_appearance.excused on 1 December 2024
    Then the answer is yes
    And the decision rests on case relative

  @53-FZ.7.2
  Scenario Outline: Valid reasons: an undocumented reason does not excuse
    Given his reason for not appearing is <reason>
    And the reason is not documented
    When I ask for non_appearance.excused on 1 December 2024
    Then the answer is no
    And the decision rests on case not-documented
    And the explanation says "on condition that the reason for non-appearance is confirmed by documents"

    Examples:
      | reason        |
      | illness       |
      | relative      |
      | force_majeure |
      | accepted      |

  @53-FZ.7.2
  Scenario: Valid reasons: no reason, no excuse, and no documents are needed to say so
    Given he has no reason for not appearing
    When I ask for non_appearance.excused on 1 December 2024
    Then the answer is no
    And the decision rests on case no-reason

  @53-FZ.7.2
  Scenario: Valid reasons: a reason whose proof is unknown leaves the answer open
    Given his reason for not appearing is illness
    When I ask for non_appearance.excused on 1 December 2024
    Then the decision is undetermined and needs person.valid_reason_documented
