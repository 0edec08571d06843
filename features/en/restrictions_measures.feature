Feature: Temporary measures: the 20-day trigger, the six measures and their lifting (53-FZ art. 7.1, 127-FZ)
  "Non-appearance without a valid reason in response to a served summons, once 20 calendar days have passed
  from the day stated in the summons, brings the temporary measures" (docs/law/temporary-measures.md#trigger): no registration as an
  individual entrepreneur or as self-employed, suspended registration of real-estate rights, no driving, no
  registration of vehicles, no credit or loans (§4.2). They are lifted when he appears or a valid reason is
  confirmed (§4.4); "within one day" is the MVD Order 426 deadline for the driving ban only, and the 53-FZ
  deadline is unverified (§11).
  The 20 days are counted under the next-day convention (GK RF art. 191 by analogy, docs/law/counting-periods.md): appearance
  date A, the period runs A+1..A+20, the measures apply from A+21 (the press reading is A+20). That boundary
  is unverified, and so is lifting within one day (by the end of the day after); the explanation says so.
  A summons placed in the register on 5 November 2024 and served by no other channel counts as served from
  13 November 2024; appearance date 20 November 2024: the 20 days run 21 November - 10 December, the
  measures apply from 11 December 2024.
  Every expected value below was counted by hand from the law, not taken from the program.

  Background:
    Given no registered letter was delivered to him
    And the summons was not sent to his place of work or study

  @53-FZ.7_1 @GK.191
  Scenario: Temporary measures: from the 21st day after the appearance date, the count shown
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.start_on on 15 December 2024
    Then the answer is 11 December 2024
    And the decision rests on case twenty-days
    And the explanation cites 53-FZ art. 7.1 (as amended by 127-FZ of 14.04.2023)
    And the explanation cites GK RF art. 191
    And the explanation says "21 November 2024 to 10 December 2024"
    And the explanation is flagged unverified

  @53-FZ.7_1
  Scenario Outline: Temporary measures: the six measures apply from 11 December 2024, not before
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.in_force on <asked>
    Then the answer is <measures>

    Examples:
      | asked            | measures |
      | 20 November 2024 | none     |
      | 10 December 2024 | none     |
      | 11 December 2024 | entrepreneur_registration, self_employed_registration, real_estate_registration, driving, vehicle_registration, credit |
      | 1 March 2025     | entrepreneur_registration, self_employed_registration, real_estate_registration, driving, vehicle_registration, credit |

  @53-FZ.7_1
  Scenario: Temporary measures: the measures by their names
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.in_force on 11 December 2024
    Then the answer is restriction of the right to drive motor vehicles, ban on concluding credit and loan agreements, ban on registering as an individual entrepreneur, ban on registering for the professional income tax regime (self-employed), suspension of state registration of rights to real estate and transactions with it, ban on state registration of vehicles
    And the explanation says "no driving"

  @53-FZ.7_1 @GK.191
  Scenario Outline: Temporary measures: counting 20 days across February, in a leap year and in a common year
    Given the summons was posted to his personal account on <posted>
    And the summons was not handed to him in person
    And the summons was not placed in the register
    And the summons tells him to appear on <appear>
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.start_on on 1 April 2025
    Then the answer is <start>
    And the explanation says "<counted>"

    Examples: 2024 has 29 February: 11 February is day 1, 29 February day 19, 1 March day 20
      | posted          | appear           | start        | counted                                |
      | 25 January 2024 | 10 February 2024 | 2 March 2024 | 11 February 2024 to 1 March 2024       |

    Examples: 2025 has no 29 February: 28 February is day 18, 1 March day 19, 2 March day 20
      | posted          | appear           | start        | counted                                |
      | 25 January 2025 | 10 February 2025 | 3 March 2025 | 11 February 2025 to 2 March 2025       |

  @53-FZ.7_1 @53-FZ.7.2
  Scenario: Temporary measures: an undocumented reason does not stop them
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And his reason for not appearing is relative
    And the reason is not documented
    And the reason was confirmed to the commissariat on 25 November 2024
    When I ask for measures.start_on on 15 December 2024
    Then the answer is 11 December 2024
    And the decision rests on case twenty-days

  @53-FZ.7_1 @53-FZ.7.2
  Scenario Outline: Temporary measures: a documented reason confirmed by the 20th day prevents them; a day later it lifts them
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And his reason for not appearing is illness
    And the reason is documented
    And the reason was confirmed to the commissariat on <confirmed>
    When I ask for <question> on 1 January 2025
    Then the answer is <answer>
    And the explanation is flagged unverified

    Examples:
      | confirmed        | question           | answer           |
      | 10 December 2024 | measures.start_on  | none             |
      | 11 December 2024 | measures.start_on  | 11 December 2024 |
      | 11 December 2024 | measures.lifted_by | 12 December 2024 |

  @53-FZ.7_1
  Scenario Outline: Temporary measures: appearing late, but by the 20th day, prevents them
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on <appeared>
    And he has no reason for not appearing
    When I ask for measures.start_on on 1 January 2025
    Then the answer is <start>
    And the decision rests on case <case>

    Examples:
      | appeared         | start            | case                    |
      | 20 November 2024 | none             | appeared-by-date        |
      | 10 December 2024 | none             | appeared-within-20-days |
      | 11 December 2024 | 11 December 2024 | twenty-days             |

  @53-FZ.7_1
  Scenario: Temporary measures: appearing on the date in the summons, nothing is unverified
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on 20 November 2024
    And he has no reason for not appearing
    When I ask for measures.start_on on 1 January 2025
    Then the answer is none
    And the explanation says "the temporary measures follow only non-appearance"
    And the explanation is not flagged unverified

  @53-FZ.7_1
  Scenario: Temporary measures: none for a summons never served
    Given no summons was posted to his personal account
    And the summons was not handed to him in person
    And the summons was not placed in the register
    And the summons tells him to appear on 20 May 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.start_on on 1 July 2024
    Then the answer is none
    And the decision rests on case not-served
    And the explanation says "served summons"

  @53-FZ.31.2_1
  Scenario: Temporary measures: a summons served after the appearance date it names is not counted from that date
    Given the summons was posted to his personal account on 25 May 2024
    And the summons was not handed to him in person
    And the summons was not placed in the register
    And the summons tells him to appear on 20 May 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.start_on on 1 July 2024
    Then the answer is none
    And the decision rests on case served-after-appearance-date
    And the explanation says "within two weeks"
    And the explanation is flagged unverified

  @127-FZ
  Scenario: Temporary measures: none for a summons served before 14 April 2023
    Given the summons was handed to him against signature on 1 March 2023
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 15 March 2023
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.start_on on 1 June 2023
    Then the answer is none
    And the decision rests on case before-127-FZ

  @53-FZ.7_1
  Scenario: Temporary measures: whether he appeared is needed to decide
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has no reason for not appearing
    When I ask for measures.start_on on 15 December 2024
    Then the decision is undetermined and needs person.appeared_on

  @53-FZ.7_1 @MVD-Order-426
  Scenario: Lifting: he appears on 20 December 2024, the measures are to be lifted by the end of 21 December
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on 20 December 2024
    And he has no reason for not appearing
    When I ask for measures.lifted_by on 1 January 2025
    Then the answer is 21 December 2024
    And the decision rests on case within-one-day
    And the explanation cites MVD Order No. 426
    And the explanation cites 53-FZ art. 7.1
    And the explanation says "within one day"
    And the explanation says "MVD Order 426"
    And the explanation is flagged unverified

  @53-FZ.7_1
  Scenario Outline: Lifting: the measures stop applying on the day he appears
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on 20 December 2024
    And he has no reason for not appearing
    When I ask for measures.in_force on <asked>
    Then the answer is <measures>

    Examples:
      | asked            | measures |
      | 19 December 2024 | entrepreneur_registration, self_employed_registration, real_estate_registration, driving, vehicle_registration, credit |
      | 20 December 2024 | none     |

  @53-FZ.7_1 @53-FZ.7.2 @MVD-Order-426
  Scenario: Lifting: a valid reason confirmed on 16 December 2024 lifts the measures by the end of 17 December
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And his reason for not appearing is force_majeure
    And the reason is documented
    And the reason was confirmed to the commissariat on 16 December 2024
    When I ask for measures.lifted_by on 1 January 2025
    Then the answer is 17 December 2024
    And the explanation says "a valid reason is confirmed"

  @53-FZ.7_1
  Scenario: Lifting: nothing to lift while he stays away without a reason
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.lifted_by on 1 January 2025
    Then the answer is none
    And the decision rests on case not-ended

  @127-FZ @53-FZ.7_1
  Scenario Outline: Temporary measures: none could apply before 14 April 2023, though the 20 days after 15 March 2023 ran out on 4 April; none follow that summons later
    Given the summons was handed to him against signature on 1 March 2023
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 15 March 2023
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.applied on <asked>
    Then the answer is no
    And the decision rests on case <case>
    And the explanation says "<says>"

    Examples:
      | asked         | case          | says                                         |
      | 13 April 2023 | before-127-FZ | introduced by 127-FZ only from 14 April 2023 |
      | 14 April 2023 | not-started   | no temporary measures have started           |

  @127-FZ
  Scenario Outline: Before 14 April 2023 the temporary measures did not exist, and the answer cites 127-FZ, which introduced them
    Art. 7.1 and its measures exist from 14 April 2023 (127-FZ); asked on 1 March 2023, nothing has ended
    and nothing is to be lifted, and no measure is in force, because there were none; the answer rests on
    127-FZ, not on the wording of art. 7.1 that did not exist yet.
    Given the summons was handed to him against signature on 1 February 2023
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 15 February 2023
    And he appeared at the commissariat on 20 February 2023
    When I ask for <question> on 1 March 2023
    Then the answer is none
    And the decision rests on case <case>
    And the explanation cites 127-FZ

    Examples:
      | question           | case               |
      | measures.ended_on  | before-127-FZ      |
      | measures.lifted_by | before-127-FZ      |
      | measures.in_force  | none-before-127-FZ |

  @127-FZ
  Scenario: A summons served before 14 April 2023 brings no temporary measures: a reading, flagged
    Given the summons was handed to him against signature on 1 March 2023
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 15 March 2023
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.start_on on 1 May 2024
    Then the answer is none
    And the decision rests on case before-127-FZ
    And the explanation is flagged unverified

  @53-FZ.7_1
  Scenario Outline: A decision on the measures cancelled after a complaint ends them, unless he appeared first (a reading, flagged)
    The decision can be challenged in or out of court (single source); cancellation is read to end the
    measures like lifting; no suspensive effect of a complaint is reported, so none is encoded.
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no summons was posted to his personal account
    And the summons tells him to appear on 20 November 2024
    And he has no reason for not appearing
    And <appeared>
    And the decision on the measures was cancelled on 16 December 2024
    When I ask for measures.ended_on on 1 February 2025
    Then the answer is <ended>
    And the decision rests on case <case>

    Examples:
      | appeared                                         | ended            | case      |
      | he has not appeared                              | 16 December 2024 | cancelled |
      | he appeared at the commissariat on 20 December 2024 | 16 December 2024 | cancelled |
      | he appeared at the commissariat on 14 December 2024 | 14 December 2024 | appeared  |

  @53-FZ.7_1
  Scenario: Measures that ended before MVD Order 426 took effect (11 July 2023): no lifting deadline was read (flagged)
    Given the summons was handed to him against signature on 15 April 2023
    And no summons was posted to his personal account
    And the summons was not placed in the register
    And the summons tells him to appear on 20 April 2023
    And he has no reason for not appearing
    And he appeared at the commissariat on 1 June 2023
    When I ask for measures.lifted_by on 5 June 2023
    Then the answer is none
    And the decision rests on case before-MVD-order
    And the explanation is flagged unverified
