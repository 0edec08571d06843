Feature: Conscription age: who is liable for conscription by age and sex (53-FZ art. 22 para. 1 «а»)
  Male citizens are called up from 18 up to 27 until 31 December 2023 and from 18 up to 30 from
  1 January 2024 (439-FZ of 04.08.2023; docs/law/who-is-called-up.md#art-22-1). Men who turned 27 before 1 January 2024 are not
  called up under the raised limit, "even on 31 December at 23:59" (Kartapolov, 25.07.2023; docs/law/who-is-called-up.md#turned-27-in-2023, docs/law/counting-periods.md).
  Readings taken in rules/conscription/age.yaml, all unverified, which these scenarios pin down:
  - liable from the 18th birthday itself up to the day before the 27th (30th) birthday;
  - a 29 February birthday falls on 28 February in a common year (GK RF art. 192 para. 3 by analogy);
  - every man whose 27th birthday fell on or before 31.12.2023 stays out, enrolled in the reserve or not.
  Every expected value below was counted by hand from the law, not taken from the program.

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: until 31 December 2023 men are liable from 18 up to 27
    Given the person is a man
    And he was born on <born>
    When I ask for conscription.liable_by_age on <asked>
    Then the answer is <answer>
    And the decision rests on case aged-18-to-27
    And the explanation cites 53-FZ art. 22 para. 1 «а»
    And the explanation is flagged unverified
    And the explanation says "men aged 18 to 27 are liable"

    Examples: within and beyond the range
      | born       | asked      | answer |
      | 2000-05-10 | 2023-10-15 | yes    |
      | 1997-05-10 | 2023-10-15 | yes    |
      | 1996-05-10 | 2023-10-15 | no     |
      | 1995-05-10 | 2023-10-15 | no     |
      | 1979-03-01 | 2023-10-15 | no     |

    Examples: the 18th birthday is the first day of liability
      | born       | asked      | answer |
      | 2005-10-15 | 2023-10-14 | no     |
      | 2005-10-15 | 2023-10-15 | yes    |

    Examples: the 27th birthday ends liability under the old limit
      | born       | asked      | answer |
      | 1996-05-10 | 2023-05-09 | yes    |
      | 1996-05-10 | 2023-05-10 | no     |

    Examples: 31 December 2023, the last day of the old limit
      | born       | asked      | answer |
      | 1996-12-31 | 2023-12-30 | yes    |
      | 1996-12-31 | 2023-12-31 | no     |
      | 1997-01-01 | 2023-12-31 | yes    |

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: from 1 January 2024 men are liable from 18 up to 30 (439-FZ)
    Given the person is a man
    And he was born on <born>
    When I ask for conscription.liable_by_age on <asked>
    Then the answer is <answer>
    And the decision rests on case aged-18-to-30
    And the explanation cites 53-FZ art. 22 para. 1 «а»
    And the explanation cites 439-FZ
    And the explanation is flagged unverified
    And the explanation says "men aged 18 to 30 are liable"

    Examples: within and beyond the range
      | born       | asked      | answer |
      | 2000-05-10 | 2024-04-15 | yes    |
      | 1997-06-01 | 2024-04-15 | yes    |
      | 1997-06-01 | 2026-10-15 | yes    |
      | 1997-06-01 | 2027-10-15 | no     |
      | 1997-06-01 | 2028-04-15 | no     |

    Examples: the 18th birthday is the first day of liability
      | born       | asked      | answer |
      | 2006-04-15 | 2024-04-14 | no     |
      | 2006-04-15 | 2024-04-15 | yes    |

    Examples: the 30th birthday ends liability
      | born       | asked      | answer |
      | 1997-06-01 | 2027-05-31 | yes    |
      | 1997-06-01 | 2027-06-01 | no     |

    Examples: a man whose 27th birthday is 1 January 2024 did not turn 27 before 2024
      | born       | asked      | answer |
      | 1997-01-01 | 2024-01-01 | yes    |
      | 1997-01-01 | 2024-04-15 | yes    |
      | 1997-01-01 | 2026-12-31 | yes    |
      | 1997-01-01 | 2027-01-01 | no     |

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: a man who turned 27 before 1 January 2024 is not called up under the raised limit
    Given the person is a man
    And he was born on <born>
    When I ask for conscription.liable_by_age on <asked>
    Then the answer is no
    And the decision rests on case turned-27-before-2024
    And the explanation cites 53-FZ art. 22 para. 1 «а»
    And the explanation cites 439-FZ
    And the explanation is flagged unverified
    And the explanation says "he turned 27 before 1 January 2024"
    And the explanation says "the raised limit of 30 does not bring him back"

    Examples: 27th birthday on 31 December 2023, the last possible day
      | born       | asked      |
      | 1996-12-31 | 2024-01-01 |
      | 1996-12-31 | 2024-04-15 |
      | 1996-12-31 | 2026-12-30 |

    Examples: 27th birthday earlier in 2023 or before
      | born       | asked      |
      | 1996-05-10 | 2024-04-15 |
      | 1995-05-10 | 2024-04-15 |
      | 1994-06-01 | 2024-04-15 |

  @53-FZ.22.1.а
  Scenario: Conscription age: the 27th birthday on 31 December 2023 keeps him out, although he is under 30
    Given the person is a man
    And he was born on 31 December 1996
    When I ask for conscription.liable_by_age on 15 April 2024
    Then the answer is no
    And the decision rests on case turned-27-before-2024
    And the explanation cites 439-FZ
    And the explanation is flagged unverified
    And the explanation says "he turned 27 before 1 January 2024"

  @53-FZ.22.1.а
  Scenario: Conscription age: the 27th birthday on 1 January 2024 leaves him liable until 30
    Given the person is a man
    And he was born on 1 January 1997
    When I ask for conscription.liable_by_age on 15 April 2024
    Then the answer is yes
    And the decision rests on case aged-18-to-30
    And the explanation cites 439-FZ
    And the explanation is flagged unverified
    And the explanation says "men aged 18 to 30 are liable"

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: a 29 February birthday falls on 28 February in a common year (GK RF art. 192 para. 3, by analogy and flagged)
    Para. 3 governs periods in months: «Если окончание срока, исчисляемого месяцами, приходится на такой
    месяц, в котором нет соответствующего числа, то срок истекает в последний день этого месяца». Applying
    it to a count of years, and the Civil Code to 53-FZ ages, is an analogy, and unverified.
    Given the person is a man
    And he was born on <born>
    When I ask for conscription.liable_by_age on <asked>
    Then the answer is <answer>
    And the decision rests on case <case>
    And the explanation cites 53-FZ art. 22 para. 1 «а»
    And the explanation is flagged unverified
    And the explanation cites by analogy: GK RF art. 192 para. 3
    And the explanation says "GK RF art. 192 para. 3, applied by analogy"

    Examples: the 18th birthday, old and raised limit
      | born       | asked      | answer | case          |
      | 2000-02-29 | 2018-02-27 | no     | aged-18-to-27 |
      | 2000-02-29 | 2018-02-28 | yes    | aged-18-to-27 |
      | 2008-02-29 | 2026-02-27 | no     | aged-18-to-30 |
      | 2008-02-29 | 2026-02-28 | yes    | aged-18-to-30 |

    Examples: the 27th birthday under the old limit, and its effect after 2024
      | born       | asked      | answer | case                  |
      | 1996-02-29 | 2023-02-27 | yes    | aged-18-to-27         |
      | 1996-02-29 | 2023-02-28 | no     | aged-18-to-27         |
      | 1996-02-29 | 2024-04-15 | no     | turned-27-before-2024 |

    Examples: the 30th birthday under the raised limit
      | born       | asked      | answer | case          |
      | 2000-02-29 | 2030-02-27 | yes    | aged-18-to-30 |
      | 2000-02-29 | 2030-02-28 | no     | aged-18-to-30 |

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: women are not called up, whatever their age
    Given the person is a woman
    And she was born on <born>
    When I ask for conscription.liable_by_age on <asked>
    Then the answer is no
    And the decision rests on case not-male
    And the explanation cites 53-FZ art. 22 para. 1 «а»
    And the explanation is not flagged unverified
    And the explanation says "only male citizens are called up for military service"

    Examples:
      | born       | asked      |
      | 2000-05-10 | 2023-10-15 |
      | 2000-05-10 | 2024-04-15 |
      | 2006-04-15 | 2024-04-15 |
      | 1997-01-01 | 2024-01-01 |

  @53-FZ.22.1.а
  Scenario: Conscription age: a woman's birth date is not needed
    Given the person is a woman
    When I ask for conscription.liable_by_age on 2024-04-15
    Then the answer is no
    And the decision rests on case not-male
    And the explanation cites 53-FZ art. 22 para. 1 «а»
    And the explanation is not flagged unverified

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: a man's unknown birth date leaves the answer open
    Given the person is a man
    When I ask for conscription.liable_by_age on <asked>
    Then the decision is undetermined and needs person.birth_date

    Examples:
      | asked      |
      | 2023-10-15 |
      | 2024-04-15 |

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: an unknown sex does not matter when a man of that age would not be liable either
    Given the person was born on <born>
    When I ask for conscription.liable_by_age on <asked>
    Then the answer is no
    And the explanation cites 53-FZ art. 22 para. 1 «а»

    Examples: aged 45
      | born       | asked      |
      | 1979-03-01 | 2024-04-15 |
      | 1978-10-01 | 2023-10-15 |

    Examples: aged 16
      | born       | asked      |
      | 2008-03-01 | 2024-04-15 |

  @53-FZ.22.1.а
  Scenario Outline: Conscription age: an unknown sex leaves the answer open when a man of that age would be liable
    Given the person was born on <born>
    When I ask for conscription.liable_by_age on <asked>
    Then the decision is undetermined and needs person.sex

    Examples:
      | born       | asked      |
      | 1999-03-01 | 2024-04-15 |
      | 2000-05-10 | 2023-10-15 |
      | 1997-01-01 | 2024-01-01 |

  @53-FZ.22.1.а
  Scenario: Conscription age: with neither sex nor birth date known, both are needed
    When I ask for conscription.liable_by_age on 2024-04-15
    Then the decision is undetermined and needs person.sex
    And the decision is undetermined and needs person.birth_date
