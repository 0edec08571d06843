Feature: Who is subject to call-up, and what reaches only him (53-FZ art. 22, 23, 24; art. 7.1; 114-FZ art. 15.1; UK art. 328)
  53-FZ art. 7.1 para. 1 and 114-FZ art. 15.1 address «гражданам, подлежащим призыву на военную службу»
  (docs/law/exit-ban.md#who). Art. 22 para. 1 «а» names men of 18 to 30 (27 before 2024), not in the
  reserve; para. 2: «На военную службу не призываются граждане, которые ... освобождены от исполнения
  воинской обязанности, призыва на военную службу, граждане, которым предоставлена отсрочка от призыва на
  военную службу, а также граждане, не подлежащие призыву на военную службу» (docs/law/who-is-called-up.md).
  Men who turned 27 before 1 January 2024 stay out (Kartapolov, 25.07.2023). When the facts are silent the
  rules presume he is subject to call-up, and say so (flagged).
  A summons placed in the register on 5 November 2024 starts the exit ban that day (437-FZ) for a man
  subject to call-up; appearance date 20 November 2024, measures from 11 December 2024.
  Every expected value below was worked out by hand from the law, not taken from the program.

  Background:
    Given the summons was placed in the register on 5 November 2024
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not sent to his place of work or study
    And the summons tells him to appear on 20 November 2024

  @53-FZ.7_1.1 @114-FZ.15_1 @53-FZ.22.1.а
  Scenario Outline: A woman of 34, or a man who turned 27 in 2023, is not subject to call-up: no exit ban starts
    Given <who>
    And <born>
    When I ask for exit_ban.starts_on on 1 December 2024
    Then the answer is none
    And the decision rests on case not-subject-437-FZ
    And the explanation cites 53-FZ art. 7.1 para. 1 (as amended by 437-FZ of 04.08.2023)
    And the explanation says "applies to citizens subject to call-up"

    Examples:
      | who                   | born                        |
      | the person is a woman | she was born on 10 May 1990 |
      | the person is a man   | he was born on 1 June 1996  |

  @53-FZ.7_1
  Scenario: A woman of 34 with a summons: no temporary measures, a reading (who art. 7.1 paras. 3 and later address was not read)
    Given the person is a woman
    And she was born on 10 May 1990
    And he has not appeared
    And he has no reason for not appearing
    When I ask for measures.start_on on 15 December 2024
    Then the answer is none
    And the decision rests on case not-subject-to-call-up
    And the explanation is flagged unverified

  @UK.328.1
  Scenario: A woman of 34 cannot evade call-up: no criminal risk
    Given the person is a woman
    And she was born on 10 May 1990
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.criminal_risk_from on 15 December 2024
    Then the answer is none
    And the decision rests on case not-subject-to-call-up
    And the explanation says "can be committed only by a man subject to call-up"

  @53-FZ.7_1.1 @114-FZ.15_1 @53-FZ.22.2
  Scenario: When the facts are silent on his status, the exit ban applies on a stated presumption, flagged
    When I ask for exit_ban.starts_on on 1 December 2024
    Then the answer is 5 November 2024
    And the decision rests on case register-437-FZ
    And the explanation says "presumed subject to call-up"
    And the explanation is flagged unverified

  @53-FZ.22.1.а @53-FZ.22.2 @53-FZ.23 @53-FZ.24
  Scenario Outline: Shown not to be subject to call-up on 1 December 2024, ground by ground
    Given the person is a man
    And he was born on 10 May 2000
    And <reserve>
    And <exempt>
    And <deferment>
    And <bar>
    When I ask for conscription.excluded_from_call_up on 1 December 2024
    Then the answer is <excluded>
    And the decision rests on case <case>
    And the explanation is <flag> unverified

    Examples:
      | reserve                                      | exempt                                      | deferment                               | bar                                             | excluded | case         | flag        |
      | he was enrolled in the reserve on 1 June 2024 | he is not exempted from call-up            | he has no deferment                     | nothing bars his call-up                        | yes      | in-reserve   | not flagged |
      | he is not in the reserve                     | he was exempted from call-up on 1 June 2024 | he has no deferment                     | nothing bars his call-up                        | yes      | exempt       | not flagged |
      | he is not in the reserve                     | he is not exempted from call-up            | his deferment runs from 1 September 2024 | nothing bars his call-up                        | yes      | deferred     | not flagged |
      | he is not in the reserve                     | he is not exempted from call-up            | he has no deferment                     | he is not called up because of criminal_record | yes      | barred       | flagged     |
      | he is not in the reserve                     | he is not exempted from call-up            | he has no deferment                     | nothing bars his call-up                        | no       | not-excluded | not flagged |

  @53-FZ.23
  Scenario: Exempt as unfit for service: the paragraph of art. 23 was not read, so flagged
    Given the person is a man
    And he was born on 10 May 2000
    And he was exempted from call-up on 1 June 2024
    And the ground of his exemption is unfit
    When I ask for conscription.excluded_from_call_up on 1 December 2024
    Then the answer is yes
    And the decision rests on case exempt-unfit
    And the explanation is flagged unverified

  @53-FZ.24
  Scenario Outline: A deferment covers only its own days
    Given the person is a man
    And he was born on 10 May 2000
    And his deferment runs from 1 September 2024
    And his deferment runs until 31 August 2025
    When I ask for conscription.excluded_from_call_up on <asked>
    Then the answer is <excluded>
    And the decision rests on case <case>

    Examples:
      | asked            | excluded | case             |
      | 31 August 2025   | yes      | deferred         |
      | 1 September 2025 | no       | presumed-subject |

  @53-FZ.22.1.а
  Scenario Outline: Not a man, or not of call-up age: shown without any other fact
    Given <who>
    And <born>
    When I ask for conscription.excluded_from_call_up on 1 December 2024
    Then the answer is yes
    And the decision rests on case <case>

    Examples:
      | who                   | born                          | case              |
      | the person is a woman | she was born on 10 May 2000   | not-male          |
      | the person is a man   | he was born on 10 May 1990    | not-liable-by-age |

  @53-FZ.22.1.а @53-FZ.22.2 @53-FZ.23 @53-FZ.24
  Scenario Outline: Subject to call-up, strictly: each ground, and undetermined while a fact is missing
    Given the person is a man
    And he was born on <born>
    And <reserve>
    And <exempt>
    And <deferment>
    And <bar>
    And his deferment has no end date
    And the bar continues
    When I ask for conscription.subject_to_call_up on 1 December 2024
    Then the answer is <subject>
    And the decision rests on case <case>

    Examples:
      | born        | reserve                                       | exempt                                      | deferment                                | bar                                                 | subject | case              |
      | 10 May 1990 | he is not in the reserve                      | he is not exempted from call-up            | he has no deferment                      | nothing bars his call-up                            | no      | not-liable-by-age |
      | 10 May 2000 | he was enrolled in the reserve on 1 June 2024 | he is not exempted from call-up            | he has no deferment                      | nothing bars his call-up                            | no      | in-reserve        |
      | 10 May 2000 | he is not in the reserve                      | he was exempted from call-up on 1 June 2024 | he has no deferment                      | nothing bars his call-up                            | no      | exempt            |
      | 10 May 2000 | he is not in the reserve                      | he is not exempted from call-up            | his deferment runs from 1 September 2024 | nothing bars his call-up                            | no      | deferred          |
      | 10 May 2000 | he is not in the reserve                      | he is not exempted from call-up            | he has no deferment                      | he is not called up because of serving_sentence    | no      | barred            |
      | 10 May 2000 | he is not in the reserve                      | he is not exempted from call-up            | he has no deferment                      | nothing bars his call-up                            | yes     | subject           |

  @53-FZ.23
  Scenario: Subject to call-up, strictly: exempt as unfit
    Given the person is a man
    And he was born on 10 May 2000
    And he is not in the reserve
    And he was exempted from call-up on 1 June 2024
    And the ground of his exemption is unfit
    When I ask for conscription.subject_to_call_up on 1 December 2024
    Then the answer is no
    And the decision rests on case exempt-unfit

  @53-FZ.22.2
  Scenario: Subject to call-up, strictly: undetermined while his reserve status is not stated
    Given the person is a man
    And he was born on 10 May 2000
    And he is not exempted from call-up
    And he has no deferment
    And nothing bars his call-up
    When I ask for conscription.subject_to_call_up on 1 December 2024
    Then the decision is undetermined and needs person.reserve_enrolled_on

  @UK.328.1
  Scenario: A summons to check registration data: missing it is not evasion of call-up
    Given the summons is for registration
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.criminal_risk_from on 15 December 2024
    Then the answer is none
    And the decision rests on case not-call-up-summons
