Feature: Call-up periods until 2025 and dispatch windows from 2026 (53-FZ art. 25, 412-FZ)
  Until 31.12.2025: «Призыв на военную службу граждан, не пребывающих в запасе, осуществляется два раза в
  год с 1 апреля по 15 июля и с 1 октября по 31 декабря» (art. 25 para. 1), with special windows: the Far
  North 1 May - 15 July or 1 November - 31 December («а»), rural field workers 15 October - 31 December
  («б»), teachers 1 May - 15 July («в», text cut off: flagged). From 01.01.2026 (412-FZ) call-up runs all
  year, and dispatch keeps the same windows (VERIFIED-SECONDARY: flagged). The statute gives windows; each
  campaign runs on a decree within them (docs/law/call-up-periods.md).

  @53-FZ.25.1
  Scenario Outline: The general windows until 2025, both days inclusive
    When I ask for conscription.call_up_open on <asked>
    Then the answer is <open>
    And the decision rests on case general

    Examples:
      | asked            | open |
      | 31 March 2024    | no   |
      | 1 April 2024     | yes  |
      | 15 July 2024     | yes  |
      | 16 July 2024     | no   |
      | 1 October 2025   | yes  |
      | 31 December 2025 | yes  |

  @53-FZ.25.1.а @53-FZ.25.1.б @53-FZ.25.1.в
  Scenario Outline: The special windows until 2025
    Given <who>
    When I ask for conscription.call_up_open on <asked>
    Then the answer is <open>
    And the decision rests on case <case>

    Examples:
      | who                                      | asked           | open | case      |
      | he lives in the Far North                | 1 April 2024    | no   | far-north |
      | he lives in the Far North                | 1 May 2024      | yes  | far-north |
      | he lives in the Far North                | 1 November 2024 | yes  | far-north |
      | he works in the fields in a rural area   | 1 October 2024  | no   | rural     |
      | he works in the fields in a rural area   | 15 October 2024 | yes  | rural     |
      | he is a teacher                          | 1 May 2024      | yes  | teacher   |
      | he is a teacher                          | 1 October 2024  | no   | teacher   |

  @53-FZ.25.1.в
  Scenario: The teachers' window rests on a cut-off text: flagged
    Given he is a teacher
    When I ask for conscription.call_up_open on 1 June 2024
    Then the answer is yes
    And the explanation is flagged unverified

  @53-FZ.25
  Scenario: From 2026 call-up runs all year (412-FZ), flagged: the article was not read
    When I ask for conscription.call_up_open on 1 February 2026
    Then the answer is yes
    And the decision rests on case year-round
    And the explanation cites 412-FZ
    And the explanation is flagged unverified

  @53-FZ.25.1
  Scenario: Before 2026 there is no separate dispatch window
    When I ask for conscription.dispatch_window on 1 May 2025
    Then the answer is none
    And the decision rests on case within-call-up-before-2026

  @53-FZ
  Scenario Outline: Dispatch windows from 2026
    Given <far north>
    And <rural>
    And <teacher>
    When I ask for conscription.dispatch_window on <asked>
    Then the answer is <window>
    And the decision rests on case <case>
    And the explanation is flagged unverified

    Examples:
      | far north                        | rural                                  | teacher             | asked           | window           | case             |
      | he does not live in the Far North | he does not work in the fields         | he is not a teacher | 1 April 2026    | general_spring   | general-spring   |
      | he does not live in the Far North | he does not work in the fields         | he is not a teacher | 1 October 2026  | general_autumn   | general-autumn   |
      | he does not live in the Far North | he does not work in the fields         | he is not a teacher | 16 July 2026    | none             | outside          |
      | he lives in the Far North         | he does not work in the fields         | he is not a teacher | 1 May 2026      | far_north_spring | far-north-spring |
      | he lives in the Far North         | he does not work in the fields         | he is not a teacher | 1 November 2026 | far_north_autumn | far-north-autumn |
      | he lives in the Far North         | he does not work in the fields         | he is not a teacher | 1 October 2026  | none             | far-north-outside |
      | he does not live in the Far North | he works in the fields in a rural area | he is not a teacher | 15 October 2026 | rural_autumn     | rural-autumn     |
      | he does not live in the Far North | he works in the fields in a rural area | he is not a teacher | 1 April 2026    | none             | rural-outside    |
      | he does not live in the Far North | he does not work in the fields         | he is a teacher     | 1 May 2026      | teacher_spring   | teacher-spring   |
      | he does not live in the Far North | he does not work in the fields         | he is a teacher     | 1 October 2026  | none             | teacher-outside  |
