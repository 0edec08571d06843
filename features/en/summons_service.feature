Feature: Summons service: the channels and the day a summons counts as served (53-FZ art. 31, 127-FZ)
  53-FZ art. 31 as amended by 127-FZ of 14.04.2023 (docs/law/summons-service.md) serves a summons
  - in person against signature, by the commissariat or at the place of work or study: on the day of signature;
  - by registered letter with notice of delivery: on the day of delivery (post office record);
  - electronically: from the moment it is placed in the personal account, read or not;
  - through the register of summonses: "по истечении семи дней с даты размещения", if it is not already
    served in written or electronic form.
  Only personal delivery existed before 127-FZ: a letter delivered before 14.04.2023 did not serve a summons.
  When several channels are used, the earliest day wins. The seven days are counted under the next-day
  convention (GK RF art. 191 by analogy; docs/law/counting-periods.md): placed on the 1st, the period runs from the 2nd to
  the 8th, so the summons counts as served from the 9th. That boundary is unverified (the press reading is
  the 8th), and the explanation says so.
  412-FZ (53-FZ art. 7.1): a summons placed in the register may name an appearance date at most 30 days
  after placement (placed on 10 January 2026: last permissible day 9 February 2026); from 1 January 2026,
  a date that is single-source.
  Every expected value below was counted by hand from the law, not taken from the program.

  @53-FZ.31
  Scenario: In person against signature: served on the day of signature
    Given the summons was handed to him against signature on 2024-04-03
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is 2024-04-03
    And the decision rests on case in-person
    And the explanation cites 53-FZ art. 31 (as amended by 127-FZ
    And the explanation says "on the day of signature"
    And the explanation is not flagged unverified

  @53-FZ.31
  Scenario: At his place of work: sending the summons to the employer does not serve it, his signature does
    Given the summons was sent to his place of work or study on 2024-04-01
    And the summons was handed to him against signature on 4 April 2024
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is 4 April 2024
    And the decision rests on case in-person

  @53-FZ.31
  Scenario: Registered letter with notice of delivery: served on the day of delivery
    Given the summons was not handed to him in person
    And the registered letter was delivered to him on 2024-04-05
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is 2024-04-05
    And the decision rests on case registered-mail
    And the explanation cites 127-FZ
    And the explanation says "on the day of delivery"
    And the explanation is not flagged unverified

  @53-FZ.31
  Scenario: Electronic summons: served when placed in the personal account, read or not
    Given the summons was not handed to him in person
    And no registered letter was delivered to him
    And the summons was posted to his personal account on 2024-04-02
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is 2 April 2024
    And the decision rests on case personal-account
    And the explanation says "whether or not he has read it"
    And the explanation is not flagged unverified

  @53-FZ.31 @GK.191
  Scenario Outline: Register of summonses alone: served after seven days counted from the day after placement
    Given the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was placed in the register on <placed>
    When I ask for summons.served_on on 2024-05-01
    Then the answer is <served>
    And the decision rests on case register
    And the explanation cites 53-FZ art. 31
    And the explanation cites GK RF art. 191
    And the explanation says "<last day of the seven>"
    And the explanation is flagged unverified

    Examples: the seven days run D+1..D+7; served from D+8
      | placed     | last day of the seven | served     |
      | 2024-04-01 | 8 April 2024          | 2024-04-09 |
      | 2024-04-25 | 2 May 2024            | 2024-05-03 |
      | 2024-02-25 | 3 March 2024          | 2024-03-04 |
      | 2023-12-28 | 4 January 2024        | 2024-01-05 |

  @53-FZ.31
  Scenario Outline: Registered letter and register: the letter wins only if delivered before the seven days ran out
    Given the facts:
      | fact                          | value    |
      | summons.handed_over_on        | null     |
      | summons.posted_to_account_on  | null     |
      | summons.placed_in_register_on | 2024-04-01 |
      | summons.mail_delivered_on     | <letter> |
    When I ask for summons.served_on on 2024-05-01
    Then the answer is <served>
    And the decision rests on case <case>
    And the explanation says "<says>"

    Examples: the register serves the summons on 9 April 2024 only "if not already served in written or electronic form"
      | letter     | served     | case            | says                                                           |
      | 2024-04-05 | 2024-04-05 | registered-mail | already been served in written or electronic form by the day the register would serve it |
      | 2024-04-08 | 2024-04-08 | registered-mail | already been served in written or electronic form by the day the register would serve it |
      | 2024-04-12 | 2024-04-09 | register        | counts as served from 9 April 2024                             |

  @53-FZ.31
  Scenario Outline: The channel of a letter and the register, before and after the register's seven days
    Given the facts:
      | fact                          | value    |
      | summons.handed_over_on        | null     |
      | summons.posted_to_account_on  | null     |
      | summons.placed_in_register_on | 2024-04-01 |
      | summons.mail_delivered_on     | <letter> |
    When I ask for summons.served_via on 2024-05-01
    Then the answer is <channel>

    Examples:
      | letter     | channel         |
      | 2024-04-05 | registered_mail |
      | 2024-04-08 | registered letter with notice of delivery |
      | 2024-04-12 | register        |

  @53-FZ.31
  Scenario Outline: Personal delivery and electronic summons in the same week: the earlier day wins
    Given the summons was handed to him against signature on <in person>
    And no registered letter was delivered to him
    And the summons was posted to his personal account on <account>
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is <served>
    And the decision rests on case <case>
    And the explanation is flagged unverified
    And the explanation says "that the earliest counts is our reading"

    Examples:
      | in person  | account    | served     | case             |
      | 2024-04-04 | 2024-04-02 | 2024-04-02 | personal-account |
      | 2024-04-01 | 2024-04-03 | 2024-04-01 | in-person        |

  @53-FZ.31
  Scenario Outline: The channel when personal delivery and the personal account are used in the same week
    Given the summons was handed to him against signature on <in person>
    And no registered letter was delivered to him
    And the summons was posted to his personal account on <account>
    And the summons was not placed in the register
    When I ask for summons.served_via on 2024-05-01
    Then the answer is <channel>

    Examples:
      | in person  | account    | channel          |
      | 2024-04-04 | 2024-04-02 | personal_account |
      | 2024-04-01 | 2024-04-03 | in person against signature |

  @53-FZ.31
  Scenario: A registered letter delivered in 2022, before 127-FZ, did not serve the summons
    Given the summons was not handed to him in person
    And the registered letter was delivered to him on 2022-10-10
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is none
    And the decision rests on case not-served
    And the explanation says "on or after 14 April 2023, when 127-FZ introduced those channels"

  @53-FZ.31
  Scenario: A letter delivered in 2022 has no channel either
    Given the summons was not handed to him in person
    And the registered letter was delivered to him on 2022-10-10
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_via on 2024-05-01
    Then the answer is none

  @53-FZ.31
  Scenario Outline: 14 April 2023 is the first day a registered letter serves a summons
    Given the summons was not handed to him in person
    And the registered letter was delivered to him on <letter>
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is <served>

    Examples:
      | letter     | served     |
      | 2023-04-13 | none       |
      | 2023-04-14 | 2023-04-14 |

  @53-FZ.31
  Scenario: Before 127-FZ a summons handed over in person was served on the day of signature, under the original wording
    Given the summons was handed to him against signature on 2022-10-12
    And the registered letter was delivered to him on 2022-10-10
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is 2022-10-12
    And the decision rests on case in-person-before-127-FZ
    And the explanation cites 53-FZ art. 31
    And the explanation is not flagged unverified

  @53-FZ.31
  Scenario: Not served through any channel
    Given the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 2024-05-01
    Then the answer is none

  @53-FZ.31
  Scenario Outline: A channel whose fact is not known leaves the day undetermined: it might be earlier
    Given the facts:
      | fact                          | value     |
      | summons.handed_over_on        | <hand>    |
      | summons.posted_to_account_on  | <account> |
      | summons.placed_in_register_on | <register> |
    When I ask for summons.served_on on 2024-05-01
    Then the decision is undetermined and needs summons.mail_delivered_on

    Examples:
      | hand       | account    | register   |
      | 2024-04-03 | null       | null       |
      | null       | null       | 2024-04-01 |
      | 2024-04-03 | 2024-04-02 | 2024-04-01 |

  @53-FZ.31
  Scenario: Nothing known about the register: undetermined even after personal delivery
    Given the summons was handed to him against signature on 2024-04-03
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    When I ask for summons.served_on on 2024-05-01
    Then the decision is undetermined and needs summons.placed_in_register_on

  @53-FZ.31
  Scenario: The channel is undetermined when the day is
    Given the summons was handed to him against signature on 2024-04-03
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_via on 2024-05-01
    Then the decision is undetermined and needs summons.mail_delivered_on

  @53-FZ.7_1
  Scenario Outline: From 2026 the appearance date may be at most 30 days after placement in the register (412-FZ)
    Given the summons was placed in the register on <placed>
    And the summons tells him to appear on <appear>
    When I ask for summons.appear_on_within_limit on 2027-02-01
    Then the answer is <within>
    And the decision rests on case within-30-days
    And the explanation cites 412-FZ
    And the explanation says "<last day>"
    And the explanation is flagged unverified

    Examples:
      | placed     | appear     | within | last day         |
      | 2026-01-10 | 2026-01-20 | yes    | 9 February 2026  |
      | 2026-01-10 | 2026-02-09 | yes    | 9 February 2026  |
      | 2026-01-10 | 2026-02-10 | no     | 9 February 2026  |
      | 2026-12-15 | 2027-01-14 | yes    | 14 January 2027  |
      | 2026-12-15 | 2027-01-15 | no     | 14 January 2027  |

  @53-FZ.7_1
  Scenario: Before 412-FZ no limit on the appearance date existed
    Given the summons was placed in the register on 2025-06-02
    And the summons tells him to appear on 2025-09-01
    When I ask for summons.appear_on_within_limit on 2026-03-01
    Then the answer is yes
    And the decision rests on case no-limit-before-412-FZ
    And the explanation says "no limit"
    And the explanation is not flagged unverified

  @53-FZ.7_1
  Scenario: A summons placed between 412-FZ's date and 1 January 2026: no limit, by a single-source date
    Given the summons was placed in the register on 2025-12-15
    And the summons tells him to appear on 2026-02-20
    When I ask for summons.appear_on_within_limit on 2026-03-01
    Then the answer is yes
    And the decision rests on case no-limit-412-FZ-pending
    And the explanation is flagged unverified

  @53-FZ.7_1
  Scenario: A summons that was never placed in the register is not concerned by the 30-day limit
    Given the summons was not placed in the register
    And the summons tells him to appear on 2026-06-01
    When I ask for summons.appear_on_within_limit on 2026-03-01
    Then the answer is yes
    And the decision rests on case not-in-register

  @53-FZ.7_1
  Scenario: The limit cannot be judged without the placement date
    Given the summons tells him to appear on 2026-02-01
    When I ask for summons.appear_on_within_limit on 2026-03-01
    Then the decision is undetermined and needs summons.placed_in_register_on

  @53-FZ.7_1
  Scenario: The limit cannot be judged without the appearance date
    Given the summons was placed in the register on 2026-01-10
    When I ask for summons.appear_on_within_limit on 2026-03-01
    Then the decision is undetermined and needs summons.appear_on

  @53-FZ.31
  Scenario: Placed only in the register: not served in writing or electronically, served by the register
    Given the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was placed in the register on 2024-04-01
    When I ask for summons.served_directly_on on 2024-05-01
    Then the answer is none
    And the decision rests on case not-served-directly
    And the explanation is not flagged unverified
    When I ask for summons.served_on on 2024-05-01
    Then the answer is 2024-04-09
    And the decision rests on case register

  @53-FZ.31.2
  Scenario: Before 127-FZ a registered letter served nothing, and the answer cites art. 31 para. 2 in its original wording
    Until 13 April 2023 art. 31 para. 2 required a summons to be handed over against signature
    («обязаны получать повестки военного комиссариата под расписку»): a letter delivered in February 2023,
    asked about in March 2023, served nothing, and the provision that decides it is cited.
    Given the registered letter was delivered to him on 1 February 2023
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons was not placed in the register
    When I ask for summons.served_on on 1 March 2023
    Then the answer is none
    And the decision rests on case not-served-before-127-FZ
    And the explanation cites 53-FZ art. 31 para. 2
    And the explanation says "only by handing it over against signature"
