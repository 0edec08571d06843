# language: xx
Feature: Age
  @53-FZ.22.1.а
  Scenario: a
    Given the person is a man
