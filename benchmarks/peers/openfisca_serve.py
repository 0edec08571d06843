"""Serve the OpenFisca peer with OpenFisca's own web API, on 127.0.0.1 only.

    python benchmarks/peers/openfisca_serve.py --port 5055 [--workers 1] [--pidfile FILE]
    python benchmarks/peers/openfisca_serve.py --examples     # print one request body per question

It runs what ``openfisca serve`` runs (``openfisca_web_api.app.create_app`` under gunicorn, through
OpenFisca's ``OpenFiscaWebAPIApplication``), with the peer's system in place of an installed country
package. Stop it with Ctrl-C, or SIGTERM to the gunicorn master (``--pidfile FILE`` writes its id).

A request is ``POST /calculate`` with a JSON situation: one person under ``persons``, the facts as
inputs for the period ``ETERNITY``, and the variables to calculate set to ``null`` for the question
date. The answer is the same document with the nulls filled in. For example (fully known people
only: OpenFisca has no "unknown"; an event that did not happen has its flag false and no date):

conscription.liable_by_age::

    curl -s -X POST http://127.0.0.1:5055/calculate -H 'Content-Type: application/json' -d '
    {"persons": {"person": {
        "sex": {"ETERNITY": "male"},
        "birth_date": {"ETERNITY": "2000-05-10"},
        "liable_by_age": {"2024-04-15": null}}}}'
    # -> ... "liable_by_age": {"2024-04-15": true}

summons.served_on (answer: ``summons_served``, and the date ``summons_served_on`` when it is true)::

    {"persons": {"person": {
        "summons_handed_over": {"ETERNITY": false},
        "summons_mail_delivered": {"ETERNITY": false},
        "summons_posted_to_account": {"ETERNITY": true},
        "summons_posted_to_account_on": {"ETERNITY": "2024-04-10"},
        "summons_placed_in_register": {"ETERNITY": true},
        "summons_placed_in_register_on": {"ETERNITY": "2024-04-01"},
        "summons_served": {"2024-05-01": null},
        "summons_served_on": {"2024-05-01": null}}}}
    # -> "summons_served": {"2024-05-01": true},
    #    "summons_served_on": {"2024-05-01": "Tue, 09 Apr 2024 00:00:00 GMT"}
    # (OpenFisca 46 returns computed dates as Flask serialises a date: RFC 822, midnight GMT)

measures.in_force (answer: ``measures_in_force``, true for the six measures, false for none)::

    {"persons": {"person": {
        "summons_handed_over": {"ETERNITY": false},
        "summons_mail_delivered": {"ETERNITY": false},
        "summons_posted_to_account": {"ETERNITY": false},
        "summons_placed_in_register": {"ETERNITY": true},
        "summons_placed_in_register_on": {"ETERNITY": "2024-04-01"},
        "summons_appear_on": {"ETERNITY": "2024-04-15"},
        "appeared": {"ETERNITY": false},
        "valid_reason": {"ETERNITY": "no_reason"},
        "valid_reason_documented": {"ETERNITY": false},
        "valid_reason_confirmed": {"ETERNITY": false},
        "measures_in_force": {"2024-06-01": null}}}}
    # -> "measures_in_force": {"2024-06-01": true}

``openfisca_summons.situation(facts, on, question)`` builds these bodies from a lawcode facts dict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openfisca_web_api.app import create_app  # noqa: E402
from openfisca_web_api.scripts.serve import OpenFiscaWebAPIApplication  # noqa: E402

from benchmarks.peers import openfisca_summons as peer  # noqa: E402

HOST = "127.0.0.1"  # never anything but loopback

EXAMPLES: list[tuple[str, dict[str, Any], dt.date]] = [
    ("conscription.liable_by_age", {"person.sex": "male", "person.birth_date": dt.date(2000, 5, 10)},
     dt.date(2024, 4, 15)),
    ("summons.served_on", {"summons.handed_over_on": None, "summons.mail_delivered_on": None,
                           "summons.posted_to_account_on": dt.date(2024, 4, 10),
                           "summons.placed_in_register_on": dt.date(2024, 4, 1)}, dt.date(2024, 5, 1)),
    ("measures.in_force", {"summons.handed_over_on": None, "summons.mail_delivered_on": None,
                           "summons.posted_to_account_on": None, "summons.placed_in_register_on": dt.date(2024, 4, 1),
                           "summons.appear_on": dt.date(2024, 4, 15), "person.appeared_on": None,
                           "person.valid_reason": None, "person.valid_reason_documented": False,
                           "person.valid_reason_confirmed_on": None}, dt.date(2024, 6, 1)),
]


class PeerWebAPI(OpenFiscaWebAPIApplication):
    """``openfisca serve``'s gunicorn application, loading the peer's system instead of a country package."""

    def load(self) -> Any:
        return create_app(peer.build_system(), welcome_message="lawcode benchmarks: the OpenFisca peer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=5055, help="port on 127.0.0.1 (default 5055)")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn worker processes (default 1)")
    parser.add_argument("--pidfile", help="write the gunicorn master's process id here (stop it with SIGTERM)")
    parser.add_argument("--examples", action="store_true", help="print one request body per question and exit")
    args = parser.parse_args()
    if args.examples:
        for question, facts, on in EXAMPLES:
            print(f"# {question} on {on}")
            print(json.dumps(peer.situation(facts, on, question)))
        return 0
    options = {"bind": f"{HOST}:{args.port}", "workers": args.workers, "timeout": 120, "loglevel": "warning"}
    if args.pidfile:
        options["pidfile"] = args.pidfile
    PeerWebAPI(options).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
