Feature: Reporting without a summons (53-FZ art. 31 para. 2.1), the registers by region, the travel passport (114-FZ art. 18)
  A man subject to call-up who got no summons during the call-up must come by himself within two weeks of
  its start; a man served a summons after the date it names, within two weeks (docs/law/reporting-without-summons.md;
  paragraph single-source, words not read: flagged). Two weeks from 1 October 2024, counted from the next day,
  end on 15 October 2024. The registers work everywhere from 1 November 2024, in the test regions from
  18 September 2024 (flagged); in the autumn 2025 call-up Moscow, Mari El, Ryazan and Sakhalin got summonses
  only electronically (docs/law/register-rollout.md: practice, not law). A man called up must hand in his
  travel passport within five working days of being told of the restriction (from 11 December 2023;
  docs/law/travel-passport.md: the law's number and words not read, flagged): told on Monday 11 December
  2023, he has until Monday 18 December 2023; told on Thursday 26 December 2024, the working Saturday 28
  December counts and the New Year holidays do not, so he has until 13 January 2025.

  Background:
    Given the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study

  @53-FZ.31.2_1
  Scenario Outline: Reporting without a summons within two weeks of the start of the call-up
    Given <summons>
    And the summons tells him to appear on 20 October 2024
    And <call-up>
    When I ask for report.without_summons_by on 1 November 2024
    Then the answer is <by>
    And the decision rests on case <case>
    And the explanation is flagged unverified

    Examples:
      | summons                                         | call-up                         | by              | case           |
      | the summons was not placed in the register       | the call-up started on 1 October 2024 | 15 October 2024 | two-weeks      |
      | the summons was placed in the register on 2 October 2024 | the call-up started on 1 October 2024 | none | summons-served |
      | the summons was not placed in the register       | no call-up is under way         | none            | no-call-up     |

  @53-FZ.31.2_1
  Scenario: No duty to report without a summons for a man shown not to be subject to call-up
    Given the summons was not placed in the register
    And the summons tells him to appear on 20 October 2024
    And the call-up started on 1 October 2024
    And the person is a woman
    When I ask for report.without_summons_by on 1 November 2024
    Then the answer is none
    And the decision rests on case not-subject-to-call-up

  @53-FZ.31.2_1
  Scenario: From 2026 the two weeks run from the start of the dispatch period (the bill, flagged)
    Given the summons was not placed in the register
    And the summons tells him to appear on 20 April 2026
    And the call-up started on 1 April 2026
    When I ask for report.without_summons_by on 1 May 2026
    Then the answer is 15 April 2026
    And the decision rests on case two-weeks-2026
    And the explanation cites 412-FZ
    And the explanation is flagged unverified

  @53-FZ.31.2_1
  Scenario Outline: A summons served after the date it names: report within two weeks of service
    Given the summons was placed in the register on <placed>
    And the summons tells him to appear on 10 November 2024
    When I ask for report.after_late_summons_by on 1 December 2024
    Then the answer is <by>
    And the decision rests on case <case>

    Examples: placed on 5 November, served on 13 November, after the 10th: two weeks to 27 November
      | placed          | by               | case      |
      | 5 November 2024 | 27 November 2024 | two-weeks |
      | 1 November 2024 | none             | not-late  |

  @127-FZ
  Scenario Outline: The register of summonses in operation, by region
    Given his region is <region>
    When I ask for register.in_operation on <asked>
    Then the answer is <works>
    And the decision rests on case <case>

    Examples:
      | region | asked             | works | case        |
      | RU-MOW | 1 October 2024    | no    | not-yet     |
      | RU-RYA | 1 October 2024    | yes   | test-region |
      | RU-MOW | 1 November 2024   | yes   | nationwide  |

  @127-FZ
  Scenario Outline: Summonses only electronically in four regions in the autumn 2025 call-up (practice, flagged)
    Given his region is <region>
    When I ask for summons.electronic_only on <asked>
    Then the answer is <only>
    And the decision rests on case <case>

    Examples:
      | region | asked           | only | case        |
      | RU-MOW | 1 October 2025  | yes  | autumn-2025 |
      | RU-TVE | 1 October 2025  | no   | paper-too   |
      | RU-SAK | 1 February 2026 | no   | paper-too   |

  @114-FZ.18 @114-FZ.15.2
  Scenario Outline: The travel passport within five working days of being told, on the production calendar
    Given he holds a travel passport
    And the draft board decided to call him up on <decided>
    And he was told of the exit restriction on <told>
    When I ask for passport.surrender_by on <asked>
    Then the answer is <by>
    And the decision rests on case five-working-days
    And the explanation says "5 working days after"
    And the explanation is flagged unverified

    Examples:
      | decided          | told             | asked           | by               |
      | 8 December 2023  | 11 December 2023 | 12 December 2023 | 18 December 2023 |
      | 25 December 2024 | 26 December 2024 | 27 December 2024 | 13 January 2025  |

  @114-FZ.18 @114-FZ.15.2
  Scenario Outline: No passport deadline without a call-up decision, a notice, a passport, or before 11 December 2023
    Given <passport>
    And <decided>
    And <told>
    When I ask for passport.surrender_by on <asked>
    Then the answer is none
    And the decision rests on case <case>

    Examples:
      | passport                   | decided                                           | told                                          | asked            | case            |
      | he holds a travel passport | no call-up decision was taken                     | he was not told of an exit restriction       | 1 March 2024     | not-called-up   |
      | he holds a travel passport | the draft board decided to call him up on 1 March 2024 | he was not told of an exit restriction  | 5 March 2024     | not-told        |
      | he holds no travel passport | the draft board decided to call him up on 1 March 2024 | he was told of the exit restriction on 4 March 2024 | 5 March 2024 | no-passport |
      | he holds a travel passport | the draft board decided to call him up on 1 June 2023 | he was told of the exit restriction on 5 June 2023 | 10 June 2023 | before-the-duty |
