"""The peer: the three benchmarked decisions encoded in OpenFisca-Core 46.

One entity, ``Person`` (plural ``persons``). The facts are input variables defined for ETERNITY; the
decisions are variables defined for a DAY, the question date, with formulas dated where the rules
have versions (OpenFisca picks the formula in force on the first day of the requested period, as
lawcode picks the version in force on the question date):

=====================================  =========================================================
lawcode                                OpenFisca (this module)
=====================================  =========================================================
person.sex                             ``sex`` (enum ``male`` / ``female``)
person.birth_date                      ``birth_date``
summons.handed_over_on                 ``summons_handed_over`` (bool) + ``summons_handed_over_on``
summons.mail_delivered_on              ``summons_mail_delivered`` + ``summons_mail_delivered_on``
summons.posted_to_account_on           ``summons_posted_to_account`` + ``summons_posted_to_account_on``
summons.placed_in_register_on          ``summons_placed_in_register`` + ``summons_placed_in_register_on``
summons.appear_on                      ``summons_appear_on``
person.appeared_on                     ``appeared`` + ``appeared_on``
person.valid_reason                    ``valid_reason`` (enum; ``no_reason`` for null)
person.valid_reason_documented         ``valid_reason_documented``
person.valid_reason_confirmed_on       ``valid_reason_confirmed`` + ``valid_reason_confirmed_on``
conscription.liable_by_age             ``liable_by_age``
summons.served_on                      ``summons_served`` (bool) + ``summons_served_on``
measures.in_force                      ``measures_in_force`` (bool: the six measures, or none)
=====================================  =========================================================

What OpenFisca cannot say, and how this encoding deals with it:

- **Unknown.** Every OpenFisca variable has a value: an input not given takes its default (False,
  1970-01-01, the enum's default). There is no "unknown", so no "undetermined" answer and no list of
  missing facts. The peer is therefore restricted to **fully known people**; give it anything else and
  it silently answers as if the defaults were facts.
- **Null ("did not happen").** A date variable cannot be null in a request (the web API reads null as
  "calculate this"), so each nullable date has a companion boolean input saying whether the event
  happened; the date is read only when it did. Outputs follow the same pattern (``summons_served``).
- **A version chosen by another date.** OpenFisca picks a formula by the requested period, the same
  for every person. ``measures.start_on`` is decided by the day the summons counts as served
  (``decided_on: summons.served_on``), which differs per person, so that choice is an explicit date
  comparison inside the formula rather than a dated formula. Channels introduced by 127-FZ likewise
  serve only for events from 14.04.2023, compared inside the formulas.
- **Explanations.** None: OpenFisca returns values (its /trace endpoint lists the variables computed,
  not the provisions or the cases considered).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable
from openfisca_web_api import handlers

Person = build_entity(key="person", plural="persons", label="A person called up or liable to be",
                      is_person=True)

LAW_127_FZ = np.datetime64("2023-04-14", "D")
NEVER = np.datetime64("9999-12-31", "D")  # "no such day" while taking the earliest of several dates
NO_DATE = np.datetime64("1970-01-01", "D")  # OpenFisca's default date: a date output with its flag False
SIX_MEASURES = [
    "entrepreneur_registration", "self_employed_registration", "real_estate_registration",
    "driving", "vehicle_registration", "credit",
]


def question_day(period: Any) -> np.datetime64:
    return np.datetime64(str(period.start), "D")


def born_by(on: dt.date, years: int) -> np.datetime64:
    """The latest birth date whose ``years``-th anniversary falls on or before ``on``: a person has
    reached that age on ``on`` if and only if born on or before it (29 February birthdays fall on
    28 February in a common year, GK RF art. 192 para. 3)."""
    try:
        latest = on.replace(year=on.year - years)
    except ValueError:  # on is 29 February, that year is common
        latest = on.replace(year=on.year - years, day=28)
    if (on.month, on.day) == (2, 28) and not calendar.isleap(on.year) and calendar.isleap(on.year - years):
        latest = dt.date(on.year - years, 2, 29)
    return np.datetime64(latest, "D")


# the numbers of the rules, as OpenFisca parameters (values by date of effect)
PARAMETERS = {
    "conscription": {
        "minimum_age": {"description": "Conscription from the 18th birthday (53-FZ art. 22 para. 1 «а»)",
                        "values": {"1998-03-28": {"value": 18}}},
        "maximum_age": {"description": "Conscription until the day before this birthday (27; 30 by 439-FZ)",
                        "values": {"1998-03-28": {"value": 27}, "2024-01-01": {"value": 30}}},
    },
    "summons": {
        "register_days": {"description": "Days after placement in the register before the summons counts as "
                                         "served (53-FZ art. 31, 127-FZ; counted from the next day)",
                          "values": {"2023-04-14": {"value": 7}}},
    },
    "measures": {
        "days_after_appearance_date": {"description": "Calendar days after the appearance date before the "
                                                      "temporary measures apply (53-FZ art. 7.1, 127-FZ)",
                                       "values": {"2023-04-14": {"value": 20}}},
    },
}


# -- inputs -------------------------------------------------------------------------------------
class Sex(Enum):
    male = "male"
    female = "female"


class ValidReason(Enum):
    no_reason = "no reason for not appearing"
    illness = "own illness or injury with loss of capacity to work"
    relative = "grave illness or funeral of a listed relative"
    force_majeure = "force majeure or a circumstance beyond his will"
    accepted = "another reason accepted by the draft board, a commission or a court"


class sex(Variable):
    value_type = Enum
    possible_values = Sex
    default_value = Sex.male
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Sex as recorded"


class birth_date(Variable):
    value_type = dt.date
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Date of birth"


def _event(name: str, label: str) -> tuple[type[Variable], type[Variable]]:
    """An event that may not have happened: a flag and its date (read only when the flag is set)."""
    flag = type(name, (Variable,), {
        "value_type": bool, "entity": Person, "definition_period": DateUnit.ETERNITY,
        "label": f"{label}: happened",
    })
    day = type(f"{name}_on", (Variable,), {
        "value_type": dt.date, "entity": Person, "definition_period": DateUnit.ETERNITY,
        "label": f"{label}: date (when it happened)",
    })
    return flag, day


EVENTS = {
    "summons.handed_over_on": _event("summons_handed_over", "Summons handed to him personally against signature"),
    "summons.mail_delivered_on": _event("summons_mail_delivered", "Registered letter delivered to him"),
    "summons.posted_to_account_on": _event("summons_posted_to_account", "Summons placed in his personal account"),
    "summons.placed_in_register_on": _event("summons_placed_in_register", "Summons placed in the register"),
    "person.appeared_on": _event("appeared", "He reported to the military commissariat"),
    "person.valid_reason_confirmed_on": _event("valid_reason_confirmed",
                                               "Documented reason confirmed to the commissariat"),
}


class summons_appear_on(Variable):
    value_type = dt.date
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Appearance date stated in the summons"


class valid_reason(Variable):
    value_type = Enum
    possible_values = ValidReason
    default_value = ValidReason.no_reason
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Reason for non-appearance (53-FZ art. 7 para. 2)"


class valid_reason_documented(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "The reason is confirmed by documents"


# -- conscription.liable_by_age -------------------------------------------------------------------
class liable_by_age(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Liable for conscription by age"
    reference = "53-FZ art. 22 para. 1 «а» (as amended by 439-FZ from 01.01.2024)"

    def formula_1998_03_28(person, period, parameters):
        """Men from the 18th birthday to the day before the 27th."""
        on, birth = period.start.date, person("birth_date", period)
        male = person("sex", period) == Sex.male
        ages = parameters(period).conscription
        return male * (birth <= born_by(on, int(ages.minimum_age))) * (birth > born_by(on, int(ages.maximum_age)))

    def formula_2024_01_01(person, period, parameters):
        """Men from the 18th birthday to the day before the 30th, unless they turned 27 before 2024."""
        on, birth = period.start.date, person("birth_date", period)
        male = person("sex", period) == Sex.male
        ages = parameters(period).conscription
        turned_27_before = birth <= born_by(dt.date(2023, 12, 31), 27)  # the limit of 27 before 439-FZ
        return (male * np.logical_not(turned_27_before) * (birth <= born_by(on, int(ages.minimum_age)))
                * (birth > born_by(on, int(ages.maximum_age))))


# -- summons.served_on ----------------------------------------------------------------------------
class summons_served_in_person(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Served in person against signature (on the day of signature)"
    reference = "53-FZ art. 31"

    def formula_1998_03_28(person, period, parameters):
        """Original wording: hand-overs before 14.04.2023."""
        return person("summons_handed_over", period) * (person("summons_handed_over_on", period) < LAW_127_FZ)

    def formula_2023_04_14(person, period, parameters):
        """Both wordings: before 14.04.2023 the original, from then 127-FZ's; the day of signature."""
        return person("summons_handed_over", period)


class summons_served_by_mail(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Served by registered letter (on the day of delivery), from 14.04.2023"
    reference = "53-FZ art. 31 as amended by 127-FZ"

    def formula_2023_04_14(person, period, parameters):
        return person("summons_mail_delivered", period) * (person("summons_mail_delivered_on", period) >= LAW_127_FZ)


class summons_served_to_account(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Served in the personal account (on placement), from 14.04.2023"
    reference = "53-FZ art. 31 as amended by 127-FZ"

    def formula_2023_04_14(person, period, parameters):
        posted = person("summons_posted_to_account", period)
        return posted * (person("summons_posted_to_account_on", period) >= LAW_127_FZ)


class summons_served_via_register(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Placed in the register of summonses on or after 14.04.2023"
    reference = "53-FZ art. 31 as amended by 127-FZ"

    def formula_2023_04_14(person, period, parameters):
        placed = person("summons_placed_in_register", period)
        return placed * (person("summons_placed_in_register_on", period) >= LAW_127_FZ)


class summons_served_via_register_on(Variable):
    value_type = dt.date
    entity = Person
    definition_period = DateUnit.DAY
    label = "Day a summons placed in the register counts as served, unless served earlier"
    reference = "53-FZ art. 31 as amended by 127-FZ; GK RF art. 191 by analogy"

    def formula_2023_04_14(person, period, parameters):
        """The day after the seven days, counted from the day after placement, expire."""
        days = int(parameters(period).summons.register_days)
        return person("summons_placed_in_register_on", period) + (days + 1)


class summons_served_directly(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Served in written or electronic form"

    def formula(person, period, parameters):
        return (person("summons_served_in_person", period) + person("summons_served_by_mail", period)
                + person("summons_served_to_account", period))


class summons_served_directly_on(Variable):
    value_type = dt.date
    entity = Person
    definition_period = DateUnit.DAY
    label = "Date served in written or electronic form: the earliest channel (when served so)"

    def formula(person, period, parameters):
        earliest = np.minimum.reduce([
            np.where(person("summons_served_in_person", period), person("summons_handed_over_on", period), NEVER),
            np.where(person("summons_served_by_mail", period), person("summons_mail_delivered_on", period), NEVER),
            np.where(person("summons_served_to_account", period), person("summons_posted_to_account_on", period),
                     NEVER),
        ])
        return np.where(earliest == NEVER, NO_DATE, earliest)


class summons_served(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "The summons counts as served"
    reference = "53-FZ art. 31"

    def formula(person, period, parameters):
        return person("summons_served_directly", period) + person("summons_served_via_register", period)


class summons_served_on(Variable):
    value_type = dt.date
    entity = Person
    definition_period = DateUnit.DAY
    label = "Date the summons counts as served (when it does)"
    reference = "53-FZ art. 31; the register's seven days under GK RF art. 191 by analogy"

    def formula(person, period, parameters):
        """Served directly, or from the 8th day after placement in the register: whichever is earlier."""
        directly = np.where(person("summons_served_directly", period),
                            person("summons_served_directly_on", period), NEVER)
        register = np.where(person("summons_served_via_register", period),
                            person("summons_served_via_register_on", period), NEVER)
        earliest = np.minimum(directly, register)
        return np.where(earliest == NEVER, NO_DATE, earliest)


# -- measures.in_force ----------------------------------------------------------------------------
class non_appearance_excused(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Non-appearance excused by a valid, documented reason"
    reference = "53-FZ art. 7 para. 2"

    def formula_1998_03_28(person, period, parameters):
        reason = person("valid_reason", period)
        return (reason != ValidReason.no_reason) * person("valid_reason_documented", period)


class measures_start(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Temporary measures follow (from the 21st day after the appearance date)"
    reference = "53-FZ art. 7.1 (127-FZ); GK RF art. 191 by analogy"

    def formula_2023_04_14(person, period, parameters):
        """Not when the summons was served before 127-FZ (the wording in force on the day of service
        decides) or after the appearance date, nor when he appeared or had a valid reason confirmed
        by the 20th day after the appearance date."""
        served, served_on = person("summons_served", period), person("summons_served_on", period)
        appear_on = person("summons_appear_on", period)
        last_day = appear_on + int(parameters(period).measures.days_after_appearance_date)
        appeared_in_time = person("appeared", period) * (person("appeared_on", period) <= last_day)
        confirmed_in_time = (person("non_appearance_excused", period) * person("valid_reason_confirmed", period)
                             * (person("valid_reason_confirmed_on", period) <= last_day))
        return (served * (served_on >= LAW_127_FZ) * (served_on <= appear_on)
                * np.logical_not(appeared_in_time) * np.logical_not(confirmed_in_time))


class measures_start_on(Variable):
    value_type = dt.date
    entity = Person
    definition_period = DateUnit.DAY
    label = "First day of the temporary measures (when they follow)"

    def formula_2023_04_14(person, period, parameters):
        days = int(parameters(period).measures.days_after_appearance_date)  # from the day after they expire
        return np.where(person("measures_start", period), person("summons_appear_on", period) + (days + 1), NO_DATE)


class measures_ended(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "The grounds for the measures ended (appearance or confirmed valid reason)"

    def formula_2023_04_14(person, period, parameters):
        return person("measures_start", period) * (
            person("appeared", period)
            + person("non_appearance_excused", period) * person("valid_reason_confirmed", period))


class measures_ended_on(Variable):
    value_type = dt.date
    entity = Person
    definition_period = DateUnit.DAY
    label = "Day the grounds for the measures ended: the earliest of appearance and confirmation"

    def formula_2023_04_14(person, period, parameters):
        start = person("measures_start", period)
        by_appearance = np.where(start * person("appeared", period), person("appeared_on", period), NEVER)
        confirmed = start * person("non_appearance_excused", period) * person("valid_reason_confirmed", period)
        by_reason = np.where(confirmed, person("valid_reason_confirmed_on", period), NEVER)
        earliest = np.minimum(by_appearance, by_reason)
        return np.where(earliest == NEVER, NO_DATE, earliest)


class measures_applied(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "Temporary measures apply on the day (none before 127-FZ, 14.04.2023)"
    reference = "53-FZ art. 7.1 (127-FZ)"

    def formula_2023_04_14(person, period, parameters):
        on = question_day(period)
        started = person("measures_start", period) * (person("measures_start_on", period) <= on)
        ended = person("measures_ended", period) * (person("measures_ended_on", period) <= on)
        return started * np.logical_not(ended)


class measures_in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "The six temporary measures are in force (true), or none is (false)"
    reference = "53-FZ art. 7.1 (127-FZ)"

    def formula_2023_04_14(person, period, parameters):
        return person("measures_applied", period)


# -- the system and how to ask it -----------------------------------------------------------------
VARIABLES: list[type[Variable]] = [
    sex, birth_date, summons_appear_on, valid_reason, valid_reason_documented,
    *(v for pair in EVENTS.values() for v in pair),
    liable_by_age,
    summons_served_in_person, summons_served_by_mail, summons_served_to_account, summons_served_via_register,
    summons_served_via_register_on,
    summons_served_directly, summons_served_directly_on, summons_served, summons_served_on,
    non_appearance_excused, measures_start, measures_start_on, measures_ended, measures_ended_on,
    measures_applied, measures_in_force,
]

# the OpenFisca variables answering each question (a flag, then its date, for a nullable date)
OUTPUTS: dict[str, tuple[str, ...]] = {
    "conscription.liable_by_age": ("liable_by_age",),
    "summons.served_on": ("summons_served", "summons_served_on"),
    "measures.in_force": ("measures_in_force",),
}
PLAIN_INPUTS = {
    "person.sex": "sex",
    "person.birth_date": "birth_date",
    "summons.appear_on": "summons_appear_on",
    "person.valid_reason": "valid_reason",
    "person.valid_reason_documented": "valid_reason_documented",
}


class SummonsSystem(TaxBenefitSystem):
    """The tax and benefit system (OpenFisca's name for a rulebook) of the benchmarked decisions."""

    def __init__(self) -> None:
        super().__init__([Person])
        self.add_variables(*VARIABLES)
        self.parameters = ParameterNode("", data=PARAMETERS)
        self.open_api_config = {"parameter_example": "conscription.maximum_age",
                                "variable_example": "liable_by_age"}


@functools.cache
def build_system() -> SummonsSystem:
    return SummonsSystem()


def situation(facts: dict[str, Any], on: dt.date, question: str) -> dict[str, Any]:
    """The web API's request body (a JSON-able dict) asking ``question`` on ``on`` for one fully known person."""
    person: dict[str, Any] = {}
    for name, value in facts.items():
        if name in EVENTS:
            flag, day = EVENTS[name]
            person[flag.__name__] = {"ETERNITY": value is not None}
            if value is not None:
                person[day.__name__] = {"ETERNITY": value.isoformat()}
        elif name == "person.valid_reason":
            person["valid_reason"] = {"ETERNITY": "no_reason" if value is None else value}
        else:
            person[PLAIN_INPUTS[name]] = {"ETERNITY": value.isoformat() if isinstance(value, dt.date) else value}
    day = on.isoformat()
    for output in OUTPUTS[question]:
        person[output] = {day: None}
    return {"persons": {"person": person}}


def _answer(question: str, values: dict[str, Any]) -> Any:
    """OpenFisca's output variables -> lawcode's value of ``question``."""
    if question == "summons.served_on":
        served_on = values["summons_served_on"]
        if not values["summons_served"]:
            return None
        return served_on if isinstance(served_on, dt.date) else dt.date.fromisoformat(served_on)
    if question == "measures.in_force":
        return list(SIX_MEASURES) if values["measures_in_force"] else []
    return values["liable_by_age"]


def calculate_one(facts: dict[str, Any], on: dt.date, question: str) -> Any:
    """One request, as the web API serves it: the situation dict -> a simulation -> the answer.

    Runs OpenFisca's own /calculate handler (``openfisca_web_api.handlers.calculate``: it builds the
    simulation with ``SimulationBuilder.build_from_entities`` and calculates every variable asked with
    null) without the HTTP and JSON layers. ``facts`` must be fully known (see the module's docstring).
    """
    request = situation(facts, on, question)
    result = handlers.calculate(build_system(), request)["persons"]["person"]
    day = on.isoformat()
    return _answer(question, {name: result[name][day] for name in OUTPUTS[question]})


def calculate_batch(columns: dict[str, Any], on: dt.date, question: str) -> np.ndarray:
    """One simulation over the N people of ``columns`` (``benchmarks.people`` columns, fully known).

    Returns the value column: bool for conscription.liable_by_age; datetime64[D] with NaT for "not
    served" for summons.served_on; bool for measures.in_force (True: the six measures, False: none).
    """
    system = build_system()
    n = len(next(iter(columns.values())).values)
    simulation = SimulationBuilder().build_default_simulation(system, n)
    for name, column in columns.items():
        if name in EVENTS:
            flag, day = EVENTS[name]
            simulation.set_input(flag.__name__, "ETERNITY", column.happened)
            simulation.set_input(day.__name__, "ETERNITY", np.where(column.happened, column.values, NO_DATE))
        elif name == "person.sex":  # people.SEX: 0 male, 1 female, as Sex
            simulation.set_input("sex", "ETERNITY", column.values.astype(np.int16))
        elif name == "person.valid_reason":  # people.VALID_REASONS codes, -1 for none -> ValidReason
            simulation.set_input("valid_reason", "ETERNITY", (column.values + 1).astype(np.int16))
        else:
            simulation.set_input(PLAIN_INPUTS[name], "ETERNITY", column.values)
    day = on.isoformat()
    if question == "summons.served_on":
        served = simulation.calculate("summons_served", day)
        return np.where(served, simulation.calculate("summons_served_on", day), np.datetime64("NaT", "D"))
    return simulation.calculate(OUTPUTS[question][0], day)
