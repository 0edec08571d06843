"""Mappings and sequences that remember where each entry was written (file:line:col).

The YAML reader builds them; whoever reports a problem in a document asks them where it is.
"""

from __future__ import annotations

from typing import Any

from lawcode.errors import Location


class LocatedDict(dict[Any, Any]):
    """A mapping that knows where it, each key and each value were written."""

    location: Location
    lines: tuple[str, ...] = ()  # the whole document's lines, so expressions in it can be located
    key_locations: dict[Any, Location]
    value_locations: dict[Any, Location]

    def key_at(self, key: Any) -> Location:
        return self.key_locations.get(key, self.location)

    def value_at(self, key: Any) -> Location:
        return self.value_locations.get(key, self.key_at(key))


class LocatedList(list[Any]):
    """A sequence that knows where it and each item were written."""

    location: Location
    item_locations: list[Location]

    def item_at(self, index: int) -> Location:
        return self.item_locations[index] if index < len(self.item_locations) else self.location
