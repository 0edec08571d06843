"""Safe YAML loading that remembers where every key and value was written.

Built on PyYAML's safe loader (no Python tags), it refuses duplicate keys and returns
``Mapping``/``Sequence`` subclasses that carry the location of each entry, so that every
later validation error can name file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lawcode.errors import N_, Location, Message, RuleFileError
from lawcode.rulebook.files import MB, read_input_text, size_limit
from lawcode.rulebook.located import LocatedDict, LocatedList

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_location(loader: Any, node: yaml.Node) -> Location:
    mark = node.start_mark
    column = mark.column + 1
    line = mark.line + 1
    style = getattr(node, "style", None)
    if style in ('"', "'"):
        column += 1
    elif style in ("|", ">"):
        line += 1  # a block's text starts on the next line, at its indentation
        text = loader.lawcode_line(line) or ""
        column = len(text) - len(text.lstrip(" ")) + 1
    return Location(loader.lawcode_file, line, column, loader.lawcode_line(line))


class _Loader(_Base):  # type: ignore[misc]
    def __init__(self, text: str, filename: str):
        super().__init__(text)
        self.lawcode_file = filename
        self.lawcode_lines = tuple(text.splitlines())

    def lawcode_line(self, line: int) -> str | None:
        if 0 < line <= len(self.lawcode_lines):
            text: str = self.lawcode_lines[line - 1]
            return text
        return None

    def construct_located_mapping(self, node: yaml.MappingNode) -> LocatedDict:
        self.flatten_mapping(node)
        result = LocatedDict()
        result.location = _mark_location(self, node)
        result.lines = self.lawcode_lines
        result.key_locations = {}
        result.value_locations = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise RuleFileError("a key must be a plain word", _mark_location(self, key_node)) from None
            if key in result.key_locations:
                first = result.key_locations[key]
                raise RuleFileError(
                    f"duplicate key '{key}' (first written on line {first.line})",
                    _mark_location(self, key_node),
                    "remove one of them: YAML would silently keep only the last",
                )
            result.key_locations[key] = _mark_location(self, key_node)
            result.value_locations[key] = _mark_location(self, value_node)
            result[key] = self.construct_object(value_node, deep=True)
        return result

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """An unquoted date that does not exist (2023-02-29) is a located error, not a crash."""
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as e:
            raise RuleFileError(f"impossible date {node.value!r}: {e}", _mark_location(self, node),
                                "check the day and month; write dates as YYYY-MM-DD") from None

    def construct_located_sequence(self, node: yaml.SequenceNode) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.location = _mark_location(self, node)
        result.item_locations = [_mark_location(self, child) for child in node.value]
        return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_located_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_located_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml_text(text: str, filename: str) -> Any:
    """Parse YAML text safely, keeping locations; raise ``RuleFileError`` with file:line:col."""
    loader = _Loader(text, filename)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        text_line = loader.lawcode_line(line) if line else None
        problem = e.problem or e.context or "invalid YAML"
        hint = "YAML tags such as !!python/... are not allowed" if "tag" in problem else (
            "check indentation, colons and quotes on this line or the one above")
        raise RuleFileError(f"invalid YAML: {problem}", Location(filename, line, col, text_line), hint) from None
    except yaml.YAMLError as e:
        raise RuleFileError(f"invalid YAML: {e}", Location(filename)) from None
    finally:
        loader.dispose()


def load_yaml_file(path: Path, display: str | None = None) -> Any:
    """Read and parse one YAML file through ``files.read_input_text`` (regular files only, bounded, UTF-8 with the
    bad byte's place); every problem is a located ``RuleFileError``."""
    text = read_input_text(path, Message(N_("rule file")), RuleFileError,
                           size_limit("LAWCODE_MAX_RULE_FILE_BYTES", 16 * MB),
                           Message(N_("set {variable} to a larger number of bytes"),
                                   variable="LAWCODE_MAX_RULE_FILE_BYTES"), display)
    return load_yaml_text(text, display or str(path))
