Feature: Regional measures: the extension point, tested with an illustrative rule that is not law
  53-FZ art. 7.1 lets a region add its own measures (limits on payments, benefits and other social support)
  to the six federal temporary measures (docs/law/temporary-measures.md#regional, item M7, single-source). rules/restrictions/regional/
  is the extension point for them (see its README.md). Its only file, illustration.yaml, is AN ILLUSTRATION,
  NOT LAW: it names no real region and no regional act, and both its cases are flagged unverified.
  These scenarios test the extension point only: that a regional rule reads the federal answer
  (measures.applied) and adds its measure exactly while the federal measures apply, and none otherwise.
  They say nothing about the law of any region.
  A summons placed in the register on 5 November 2024 and served by no other channel counts as served from
  13 November 2024 (7 days from 6 November run out on 12 November); appearance date 20 November 2024: the
  20 days run 21 November - 10 December, so the federal measures apply from 11 December 2024; he appears on
  20 December 2024, and they stop applying that day.
  Every expected value below was counted by hand from the law and the rule files, not taken from the program.

  Background:
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024

  @53-FZ.7_1
  Scenario Outline: Illustrative region: its measure applies exactly while the federal measures apply (an illustration, not law)
    Given he appeared at the commissariat on 20 December 2024
    And he has no reason for not appearing
    When I ask for regional.illustration.measures on <asked>
    Then the answer is <measures>
    And the decision rests on case <case>
    And the explanation cites 53-FZ art. 7.1 (as amended by 127-FZ of 14.04.2023)
    And the explanation says "an illustration, not law"
    And the explanation is flagged unverified

    Examples:
      | asked            | measures                   | case         |
      | 10 December 2024 | none                       | default      |
      | 11 December 2024 | regional_support_suspended | illustration |
      | 19 December 2024 | regional_support_suspended | illustration |
      | 20 December 2024 | none                       | default      |

  @53-FZ.7_1
  Scenario: Illustrative region: while he stays away, its measure keeps applying with the federal ones (an illustration, not law)
    Given he has not appeared
    And he has no reason for not appearing
    When I ask for regional.illustration.measures on 1 March 2025
    Then the answer is regional_support_suspended
    And the decision rests on case illustration
    And the explanation says "would also suspend its own social support"
