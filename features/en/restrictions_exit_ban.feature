Feature: Exit ban: the ban on leaving Russia after a summons (53-FZ art. 7.1 para. 1, 114-FZ art. 15.1)
  127-FZ of 14.04.2023 introduced the ban: a citizen subject to conscription who received a summons may not
  leave the Russian Federation "from the day the summons counts as served" (docs/law/exit-ban.md#art-7-1-1-127).
  437-FZ of 04.08.2023 moved the start to "the day the summons is placed in the register of summonses"
  (docs/law/exit-ban.md#art-7-1-1-437, docs/law/exit-ban.md#fz114-15-1); a summons sent to his place of work or study starts the ban on the day it is sent
  (docs/law/exit-ban.md#sent-to-workplace). The ban "applies until he fulfils the duty to appear at the military commissariat in
  response to the summons" (114-FZ art. 15.1, docs/law/exit-ban.md#end-of-ban); a valid reason does not end it.
  The wording that applies follows the summons's first event: its placement in the register or its sending
  to the workplace, or else the day it counts as served. A summons placed in the register and served by no
  other channel counts as served from the eighth day after placement (rules/summons/service.yaml).
  Every expected value below was counted by hand from the law, not taken from the program.

  @53-FZ.7_1.1 @114-FZ.15_1
  Scenario: Exit ban under 437-FZ: from the day the summons is placed in the register, before it counts as served
    Given the summons was placed in the register on 5 November 2024
    And the person is a man
    And he was born on 10 May 2000
    And he is not in the reserve
    And he is not exempted from call-up
    And he has no deferment
    And nothing bars his call-up
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024
    When I ask for exit_ban.starts_on on 1 December 2024
    Then the answer is 5 November 2024
    And the decision rests on case register-437-FZ
    And the explanation cites 53-FZ art. 7.1 para. 1 (as amended by 437-FZ of 04.08.2023)
    And the explanation cites 114-FZ art. 15.1
    And the explanation says "placed in the register of summonses"
    And the explanation is not flagged unverified

  @53-FZ.7_1.1 @114-FZ.15_1
  Scenario Outline: Exit ban: the two wordings around 4 August 2023
    Given the summons was placed in the register on <placed>
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 25 August 2023
    When I ask for exit_ban.starts_on on 1 September 2023
    Then the answer is <starts>
    And the decision rests on case <case>
    And the explanation says "<wording>"

    Examples: placed on the last day of the 127-FZ wording and served after it: the 127-FZ wording is applied, the ban waits until it counts as served (3rd + 7 days from the 4th = from the 11th); the transitional provisions were not read
      | placed        | starts         | case                           | wording                     |
      | 3 August 2023 | 11 August 2023 | sent-before-437-FZ-served-after | under the wording of 127-FZ |

    Examples: placed on the first day of the 437-FZ wording: the ban runs from placement
      | placed        | starts        | case            | wording                |
      | 4 August 2023 | 4 August 2023 | register-437-FZ | under the wording of 437-FZ |

  @53-FZ.7_1.1 @114-FZ.15_1
  Scenario: Exit ban under 127-FZ: from the day the summons counts as served (handed over against signature)
    Given the summons was handed to him against signature on 1 June 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 June 2023
    When I ask for exit_ban.starts_on on 2 June 2023
    Then the answer is 1 June 2023
    And the decision rests on case served-127-FZ
    And the explanation cites 53-FZ art. 7.1 para. 1 (as amended by 127-FZ of 14.04.2023)
    And the explanation says "from the day the summons counts as served"

  @53-FZ.7_1
  Scenario: Exit ban: a summons sent to his place of work starts the ban on the day it is sent
    Given the summons was sent to his place of work or study on 1 March 2024
    And the person is a man
    And he was born on 10 May 2000
    And he is not in the reserve
    And he is not exempted from call-up
    And he has no deferment
    And nothing bars his call-up
    And the summons was handed to him against signature on 5 March 2024
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 20 March 2024
    When I ask for exit_ban.starts_on on 2 March 2024
    Then the answer is 1 March 2024
    And the decision rests on case workplace-437-FZ
    And the explanation cites 53-FZ art. 7.1 (as amended by 437-FZ of 04.08.2023)
    And the explanation says "sent to his place of work or study"
    And the explanation is not flagged unverified

  @53-FZ.7_1
  Scenario Outline: Exit ban: sent to his place of work on 1 March 2024, the ban is in force from that day
    Given the summons was sent to his place of work or study on 1 March 2024
    And the summons was handed to him against signature on 5 March 2024
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 20 March 2024
    And he has not appeared
    When I ask for exit_ban.in_force on <asked>
    Then the answer is <answer>

    Examples:
      | asked            | answer |
      | 29 February 2024 | no     |
      | 1 March 2024     | yes    |
      | 5 March 2024     | yes    |
      | 1 June 2024      | yes    |

  @53-FZ.7_1 @53-FZ.7_1.1
  Scenario: Exit ban: sent to the workplace and placed in the register, the earlier day starts the ban
    Given the summons was sent to his place of work or study on 1 March 2024
    And the summons was placed in the register on 28 February 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 March 2024
    When I ask for exit_ban.starts_on on 2 March 2024
    Then the answer is 28 February 2024
    And the decision rests on case register-437-FZ

  @53-FZ.7_1
  Scenario: Exit ban: a summons sent to his place of work starts the ban even if it is never handed to him
    Given the summons was sent to his place of work or study on 1 March 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 20 March 2024
    When I ask for exit_ban.starts_on on 1 May 2024
    Then the answer is 1 March 2024
    And the decision rests on case workplace-437-FZ

  @53-FZ.7_1.1
  Scenario: Exit ban: under 127-FZ sending to the workplace did not start the ban; service did
    Given the summons was sent to his place of work or study on 2 May 2023
    And the summons was handed to him against signature on 4 May 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 20 May 2023
    When I ask for exit_ban.starts_on on 10 May 2023
    Then the answer is 4 May 2023
    And the decision rests on case served-127-FZ

  @53-FZ.7_1.1 @114-FZ.15_1
  Scenario: Exit ban: a summons never served, placed nowhere and sent nowhere, starts no ban under 437-FZ
    Given the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 May 2024
    When I ask for exit_ban.starts_on on 1 May 2024
    Then the answer is none
    And the decision rests on case not-placed-437-FZ
    And the explanation is flagged unverified

  @53-FZ.7_1.1
  Scenario: Exit ban: under 127-FZ a summons never served starts no ban
    Given the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 June 2023
    When I ask for exit_ban.starts_on on 1 June 2023
    Then the answer is none
    And the decision rests on case not-served-127-FZ
    And the explanation says "has not been served"

  @127-FZ
  Scenario: Exit ban: none of this kind for a summons handed over before 14 April 2023
    Given the summons was handed to him against signature on 1 March 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 March 2023
    When I ask for exit_ban.starts_on on 1 May 2023
    Then the answer is none
    And the decision rests on case before-127-FZ
    And the explanation cites 127-FZ
    And the explanation says "introduced by 127-FZ from 14 April 2023"

  @114-FZ.15_1
  Scenario Outline: Exit ban: it lasts until he appears at the commissariat (placed 5 November 2024, appeared 20 December 2024)
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on 20 December 2024
    When I ask for exit_ban.in_force on <asked>
    Then the answer is <answer>
    And the decision rests on case <case>

    Examples:
      | asked            | answer | case        |
      | 4 November 2024  | no     | not-started |
      | 5 November 2024  | yes    | in-force    |
      | 19 December 2024 | yes    | in-force    |
      | 20 December 2024 | no     | ended       |
      | 1 June 2025      | no     | ended       |

  @114-FZ.15_1
  Scenario: Exit ban: the day it ends is the day he appears
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on 20 December 2024
    When I ask for exit_ban.ends_on on 1 June 2025
    Then the answer is 20 December 2024
    And the explanation cites 114-FZ art. 15.1
    And the explanation says "until he fulfils the duty to appear"

  @114-FZ.15_1
  Scenario: Exit ban: while he stays away the ban stays in force, years later too
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    When I ask for exit_ban.in_force on 1 January 2027
    Then the answer is yes

  @114-FZ.15_1 @53-FZ.7.2
  Scenario: Exit ban: a documented valid reason does not end the ban; only appearing does
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And his reason for not appearing is illness
    And the reason is documented
    And the reason was confirmed to the commissariat on 25 November 2024
    When I ask for exit_ban.in_force on 1 December 2024
    Then the answer is yes

  @53-FZ.7_1.1
  Scenario: Exit ban: whether the summons was sent to his workplace is needed, it could have started the ban earlier
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    When I ask for exit_ban.starts_on on 1 December 2024
    Then the decision is undetermined and needs summons.sent_to_workplace_on

  @127-FZ @53-FZ.7_1.1
  Scenario Outline: Exit ban: none could be in force before 14 April 2023; from then, a summons served earlier has started none
    Given the summons was handed to him against signature on 1 March 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 March 2023
    And he has not appeared
    When I ask for exit_ban.in_force on <asked>
    Then the answer is no
    And the decision rests on case <case>
    And the explanation says "<says>"

    Examples:
      | asked         | case          | says                                         |
      | 13 April 2023 | before-127-FZ | introduced by 127-FZ only from 14 April 2023 |
      | 14 April 2023 | not-started   | no ban on leaving Russia has started         |

  @114-FZ.15_1
  Scenario: Exit ban: a ban that never started does not end, even though he appeared
    Given the summons was handed to him against signature on 1 March 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 March 2023
    And he appeared at the commissariat on 15 March 2023
    When I ask for exit_ban.ends_on on 1 May 2023
    Then the answer is none
    And the decision rests on case not-started
    And the explanation cites 114-FZ art. 15.1
    And the explanation says "no ban on leaving Russia has started, so none ends"

  @127-FZ
  Scenario: Before 14 April 2023 no exit ban can end, and the answer cites 127-FZ, which introduced the ban
    Given the summons was handed to him against signature on 1 February 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 February 2023
    And he has not appeared
    When I ask for exit_ban.ends_on on 1 March 2023
    Then the answer is none
    And the decision rests on case before-127-FZ
    And the explanation cites 127-FZ

  @114-FZ.15_1
  Scenario: A ban under the 127-FZ wording ends on appearance, citing that wording of 114-FZ art. 15.1, not the later one
    The 437-FZ words of 114-FZ art. 15.1 («со дня размещения ... в реестре ... до исполнения обязанности
    явиться») exist only from 4 August 2023; in July 2023 the 127-FZ wording applied, whose end on
    appearance is known from the bill's text only (a single source), so the answer is flagged.
    Given the summons was handed to him against signature on 1 June 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 June 2023
    And he appeared at the commissariat on 20 June 2023
    When I ask for exit_ban.ends_on on 1 July 2023
    Then the answer is 20 June 2023
    And the decision rests on case appeared-127-FZ
    And the explanation cites 114-FZ art. 15.1 (as amended by 127-FZ of 14.04.2023)
    And the explanation is flagged unverified

  @53-FZ.7_1.1 @114-FZ.15_1
  Scenario: Sent to the workplace before 4 August 2023 and served after it: the 127-FZ wording is applied, flagged
    The summons's first event (sent to his place of work on 1 August 2023) falls under the 127-FZ wording
    (ban from service); it was handed over on 10 August 2023, under the 437-FZ wording. Which wording governs
    is for transitional provisions that were not read, so the answer says it relies on a reading.
    Given the summons was sent to his place of work or study on 1 August 2023
    And the summons was handed to him against signature on 10 August 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 25 August 2023
    When I ask for exit_ban.starts_on on 1 September 2023
    Then the answer is 10 August 2023
    And the decision rests on case sent-before-437-FZ-served-after
    And the explanation is flagged unverified

  @127-FZ
  Scenario: A summons served before 14 April 2023 started no exit ban: a reading, flagged
    Art. 7.1 was introduced by 127-FZ from 14 April 2023; that it does not reach a summons served before then
    depends on transitional provisions that were not read.
    Given the summons was handed to him against signature on 1 March 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 March 2023
    And he has not appeared
    When I ask for exit_ban.starts_on on 1 May 2024
    Then the answer is none
    And the decision rests on case before-127-FZ
    And the explanation is flagged unverified

  @53-FZ.7_1
  Scenario: A decision on the exit ban cancelled after a complaint ends the ban (a reading, flagged)
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And the decision on the exit ban was cancelled on 25 November 2024
    When I ask for exit_ban.ends_on on 1 December 2024
    Then the answer is 25 November 2024
    And the decision rests on case cancelled
    And the explanation is flagged unverified

  @53-FZ.7_1.1 @114-FZ.15_1
  Scenario: Under the 127-FZ wording too, a woman gets no exit ban
    Given the summons was handed to him against signature on 1 June 2023
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 15 June 2023
    And the person is a woman
    When I ask for exit_ban.starts_on on 2 June 2023
    Then the answer is none
    And the decision rests on case not-subject-127-FZ
    And the explanation cites 53-FZ art. 7.1 para. 1 (as amended by 127-FZ of 14.04.2023)
