Feature: Liability for not appearing: the KoAP art. 21.5 fine and UK art. 328 (53-FZ art. 7 para. 1)
  Non-appearance without a valid reason at the place and time stated in the summons makes him liable
  (53-FZ art. 7 para. 1, docs/law/valid-reasons.md). The fine for it under KoAP art. 21.5 is 10,000 to 30,000 roubles,
  as amended by 404-FZ of 31.07.2023, in force from 1 October 2023 (docs/law/liability.md, docs/law/counting-periods.md); the part of art. 21.5
  is unverified, so the rules cite the article and flag the answer. The earlier amounts are not encoded.
  Evading conscription without legal grounds is a crime under UK art. 328 part 1 (docs/law/liability.md): fine up to
  200,000 roubles, or imprisonment up to 2 years among others; separate from the measures and the fine.
  Every expected value below was counted by hand from the law, not taken from the program.

  Background:
    Given the summons was not sent to his place of work or study
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    And the summons was not placed in the register

  @KoAP.21_5
  Scenario: Fine: he did not appear on 20 November 2024 without a valid reason, a fine of 10,000 to 30,000 roubles
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_exposed_from on 1 December 2024
    Then the answer is 20 November 2024
    And the decision rests on case fine-404-FZ
    And the explanation cites KoAP RF art. 21.5 (as amended by 404-FZ of 31.07.2023)
    And the explanation says "10,000 to 30,000 roubles"
    And the explanation is flagged unverified

  @KoAP.21_5
  Scenario Outline: Fine: the wording follows the day of the non-appearance, 404-FZ from 1 October 2023
    Given the summons was handed to him against signature on 15 September 2023
    And the summons tells him to appear on <appear>
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_exposed_from on 1 November 2023
    Then the answer is <appear>
    And the decision rests on case <case>

    Examples:
      | appear            | case               |
      | 30 September 2023 | fine-before-404-FZ |
      | 1 October 2023    | fine-404-FZ        |

  @KoAP.21_5 @53-FZ.7.2
  Scenario Outline: Fine: none when he appeared on the date, or had a documented valid reason
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on <appeared>
    And his reason for not appearing is <reason>
    And the reason is <documented>
    When I ask for liability.fine_exposed_from on 1 December 2024
    Then the answer is none

    Examples:
      | appeared         | reason  | documented     |
      | 20 November 2024 | illness | not documented |
      | 25 November 2024 | illness | documented     |

  @KoAP.21_5
  Scenario: Fine: appearing late does not undo the non-appearance on the date
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on 25 November 2024
    And he has no reason for not appearing
    When I ask for liability.fine_exposed_from on 1 December 2024
    Then the answer is 20 November 2024

  @53-FZ.7.2
  Scenario: Non-appearance: a documented valid reason excuses it
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And his reason for not appearing is relative
    And the reason is documented
    When I ask for non_appearance.unexcused_on on 1 December 2024
    Then the answer is none
    And the decision rests on case excused

  @KoAP.21_5
  Scenario: Fine: none for a summons never served
    Given the summons was not handed to him in person
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_exposed_from on 1 December 2024
    Then the answer is none

  @UK.328
  Scenario: Criminal liability: a non-appearance without a valid reason may be prosecuted as evasion (UK art. 328 part 1)
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.criminal_risk_from on 1 December 2024
    Then the answer is 20 November 2024
    And the explanation cites UK RF art. 328
    And the explanation says "part 1"
    And the explanation says "imprisonment up to 2 years"
    And the explanation says "does not depend on them"
    And the explanation is flagged unverified

  @53-FZ.31.2_1
  Scenario: Non-appearance: a summons served after the appearance date it names gives no non-appearance on that date
    Given the summons was handed to him against signature on 25 May 2024
    And the summons tells him to appear on 20 May 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for non_appearance.unexcused_on on 1 July 2024
    Then the answer is none
    And the decision rests on case served-after-appearance-date
    And the explanation says "after the appearance date it names"
    And the explanation is flagged unverified

  @KoAP.21_5
  Scenario: Fine amount: a non-appearance on 20 November 2024 without a valid reason, from 10,000 to 30,000 roubles
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_range_rub on 1 December 2024
    Then the answer is 10000, 30000
    And the decision rests on case fine-404-FZ
    And the explanation cites KoAP RF art. 21.5 (as amended by 404-FZ of 31.07.2023)
    And the explanation says "a fine of 10,000 to 30,000 roubles"
    And the explanation is flagged unverified

  @KoAP.21_5
  Scenario Outline: Fine amount: the wording follows the day of the non-appearance; before 404-FZ, 500 to 3,000 roubles (flagged)
    Given the summons was handed to him against signature on 15 September 2023
    And the summons tells him to appear on <appear>
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_range_rub on 1 November 2023
    Then the answer is <range>
    And the decision rests on case <case>
    And the explanation cites KoAP RF art. 21.5
    And the explanation says "<says>"
    And the explanation is flagged unverified

    Examples:
      | appear            | range        | case               | says                               |
      | 30 September 2023 | 500, 3,000   | fine-before-404-FZ | 500 to 3,000 roubles               |
      | 1 October 2023    | 10000, 30000 | fine-404-FZ        | 10,000 to 30,000 roubles           |

  @KoAP.21_5
  Scenario: Fine amount: none when he appeared on the date stated in the summons
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he appeared at the commissariat on 20 November 2024
    And he has no reason for not appearing
    When I ask for liability.fine_range_rub on 1 December 2024
    Then the answer is none
    And the decision rests on case no-non-appearance
    And the explanation says "no fine for it"
    And the explanation is not flagged unverified

  @UK.328.1 @53-FZ.7.2
  Scenario: Criminal liability: nothing to prosecute when a documented valid reason excuses the non-appearance
    Given the summons was handed to him against signature on 5 November 2024
    And the summons tells him to appear on 20 November 2024
    And he has not appeared
    And his reason for not appearing is illness
    And the reason is documented
    When I ask for liability.criminal_risk_from on 1 December 2024
    Then the answer is none
    And the decision rests on case no-non-appearance
    And the explanation cites UK RF art. 328
    And the explanation says "to prosecute as evasion of conscription"
    And the explanation is not flagged unverified

  @KoAP.21_5
  Scenario: Fine amount before 404-FZ: a non-appearance in February 2023 carries 500 to 3,000 roubles, not "no fine"
    The press reported 500 to 3,000 roubles as the fine in force in July 2023, before 404-FZ raised it on
    1 October 2023 (fontanka.ru, crimea.ria.ru 20.07.2023); from when that range applied was not found, so
    the answer is flagged. The summons was handed over on 1 February 2023, a way of service of the original
    art. 31.
    Given the summons was handed to him against signature on 1 February 2023
    And the summons tells him to appear on 15 February 2023
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_range_rub on 1 March 2023
    Then the answer is 500, 3,000
    And the decision rests on case fine-before-404-FZ
    And the explanation says "500 to 3,000 roubles"
    And the explanation is flagged unverified

  @KoAP.21_5 @53-FZ.7.1
  Scenario: Fine amount: asked before the appearance date, there is no non-appearance yet, so no fine
    The offence is failing to appear "at the place and time" stated in the summons (53-FZ art. 7 para. 1):
    on 5 April 2024 he can still appear on 10 April 2024.
    Given the summons was handed to him against signature on 1 April 2024
    And the summons tells him to appear on 10 April 2024
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_range_rub on 5 April 2024
    Then the answer is none
    And the decision rests on case not-yet
    And the explanation says "he can still appear"

  @KoAP.21_5 @53-FZ.7.1
  Scenario Outline: Exposure to the fine starts once the appearance date has passed without him
    Given the summons was handed to him against signature on 1 April 2024
    And the summons tells him to appear on 10 April 2024
    And <appeared>
    And he has no reason for not appearing
    When I ask for liability.fine_exposed on <asked>
    Then the answer is <exposed>
    And the decision rests on case <case>

    Examples:
      | appeared                                 | asked         | exposed | case                   |
      | he has not appeared                      | 5 April 2024  | no      | before-appearance-date |
      | he appeared at the commissariat on 20 April 2024 | 5 April 2024 | no | before-appearance-date |
      | he has not appeared                      | 10 April 2024 | yes     | exposed                |
      | he has not appeared                      | 11 April 2024 | yes     | exposed                |
      | he appeared at the commissariat on 10 April 2024 | 11 April 2024 | no | no-non-appearance   |

  @53-FZ.7.1
  Scenario Outline: A non-appearance before the KoAP RF of 30 December 2001: the earlier code is not encoded (flagged)
    Given the summons was handed to him against signature on 1 March 2001
    And the summons tells him to appear on 15 March 2001
    And he has not appeared
    And he has no reason for not appearing
    When I ask for <question> on 1 April 2001
    Then the answer is <answer>
    And the decision rests on case before-KoAP
    And the explanation is flagged unverified

    Examples:
      | question                    | answer |
      | liability.fine_exposed_from | none   |
      | liability.fine_range_rub    | none   |
      | liability.fine_exposed      | no     |

  @KoAP.21_5
  Scenario: Exposed to the fine of the wording before 404-FZ for a non-appearance on 15 September 2023
    Given the summons was handed to him against signature on 1 September 2023
    And the summons tells him to appear on 15 September 2023
    And he has not appeared
    And he has no reason for not appearing
    When I ask for liability.fine_exposed on 1 October 2023
    Then the answer is yes
    And the decision rests on case exposed-before-404-FZ
    And the explanation is flagged unverified
