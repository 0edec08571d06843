"""Safe YAML loading that remembers where every key and value was written.

Built on PyYAML's safe loader (no Python tags), it refuses duplicate keys and returns
``Mapping``/``Sequence`` subclasses that carry the location of each entry, so that every
later validation error can name file, line and column.

Whatever the text, reading it ends in a value or a located ``RuleFileError`` (``FactsError`` for facts
documents), in time and memory bounded by the text's length: the reader's own errors (a tag on a value it
cannot construct, a 5,000-digit integer, a control character) are located; nesting is bounded
(``MAX_DEPTH``); and aliases, which share one value between several places, may not expand a document
past ``MAX_ALIASED`` values (a "billion laughs" document is refused at its largest alias).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from lawcode.errors import N_, LawcodeError, Location, Message, RuleFileError, quote
from lawcode.rulebook.files import MB, read_input_text, size_limit
from lawcode.rulebook.located import LocatedDict, LocatedList

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BYTE_OFFSETS = _Base is not yaml.SafeLoader  # libyaml reports reader errors at a byte offset of the UTF-8 text

MAX_DEPTH = 100  # lists and mappings nested deeper than this are refused (the constructor recurses)
MAX_ALIASED = 100_000  # values that aliases may add to a document when expanded (each alias counts its value's size)
_SATURATE = 1 << 62  # sizes are counted up to here (a chain of aliases doubles them at every step)
_TAG_PREFIX = "tag:yaml.org,2002:"


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


def _tag(node: yaml.Node) -> str:
    tag = str(node.tag)
    return "!!" + tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag


class _Loader(_Base):  # type: ignore[misc]
    def __init__(self, text: str, filename: str, error: type[LawcodeError] = RuleFileError):
        super().__init__(text)
        self.lawcode_file = filename
        self.lawcode_text = text
        self.lawcode_lines = tuple(text.splitlines())
        self.lawcode_error = error
        self.lawcode_depth = 0
        self.lawcode_sizes: dict[yaml.Node, int] = {}  # values a constructed node expands to (itself included)
        self.lawcode_aliased = 0  # values added by aliases
        self.lawcode_biggest: tuple[int, yaml.Node | None] = (0, None)  # the alias that adds the most

    def lawcode_line(self, line: int) -> str | None:
        if 0 < line <= len(self.lawcode_lines):
            text: str = self.lawcode_lines[line - 1]
            return text
        return None

    def construct_document(self, node: yaml.Node) -> Any:
        """The document's value, every part constructed at once (so that every error happens at its node)."""
        data = self.construct_object(node, deep=True)
        self.constructed_objects: dict[yaml.Node, Any] = {}
        self.recursive_objects: dict[yaml.Node, None] = {}
        self.deep_construct = False
        if self.lawcode_aliased > MAX_ALIASED:
            size, alias = self.lawcode_biggest
            assert alias is not None
            shown = f"{size:,}" if size < _SATURATE else f"more than {_SATURATE:,}"
            raise self.lawcode_error(
                Message(N_("aliases repeat the value anchored here to {size} values: they may add at most {limit} "
                           "values to a document"), size=shown, limit=f"{MAX_ALIASED:,}"),
                _mark_location(self, alias), Message(N_("write the values out, or use fewer aliases")))
        return data

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's construction, with aliases counted, nesting bounded, and every failure located at its node."""
        if node in self.constructed_objects:  # an alias: the value is shared, but whoever walks it walks it whole
            size = self.lawcode_sizes.get(node, 1)
            self.lawcode_aliased = min(self.lawcode_aliased + size, _SATURATE)
            if size > self.lawcode_biggest[0]:
                self.lawcode_biggest = (size, node)
            return self.constructed_objects[node]
        if self.lawcode_depth >= MAX_DEPTH:
            raise self.lawcode_error(Message(N_("values are nested deeper than {limit} levels"), limit=MAX_DEPTH),
                                     _mark_location(self, node),
                                     Message(N_("write the value with fewer levels of lists and mappings")))
        self.lawcode_depth += 1
        before = self.lawcode_aliased
        mark = len(self.lawcode_sizes)
        try:
            data = super().construct_object(node, deep)
        except (LawcodeError, yaml.MarkedYAMLError):
            raise
        except Exception as e:  # a tag's constructor fails in its own way (KeyError, ValueError...)
            raise self._cannot_construct(node, e) from None
        finally:
            self.lawcode_depth -= 1
        # its own size: one, plus the nodes constructed inside it, plus what aliases inside it added
        self.lawcode_sizes[node] = min(1 + len(self.lawcode_sizes) - mark + self.lawcode_aliased - before, _SATURATE)
        return data

    def _cannot_construct(self, node: yaml.Node, e: Exception) -> LawcodeError:
        where = _mark_location(self, node)
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        digits = sys.get_int_max_str_digits()
        if isinstance(e, ValueError) and isinstance(value, str) and digits and len(value) > digits:
            return self.lawcode_error(Message(N_("a number of {count} characters is too long: at most {limit} "
                                                 "digits are read"), count=f"{len(value):,}", limit=f"{digits:,}"),
                                      where, Message(N_("write a shorter number")))
        if isinstance(e, RecursionError):
            return self.lawcode_error(Message(N_("values are nested too deeply to be read")), where,
                                      Message(N_("write the value with fewer levels of lists and mappings")))
        return self.lawcode_error(Message(N_("this value cannot be read as {tag}"), tag=_tag(node)), where,
                                  Message(N_("remove the tag {tag}, or write a value it accepts"), tag=_tag(node)))

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
                raise self.lawcode_error(Message(N_("a key must be a plain word")),
                                         _mark_location(self, key_node)) from None
            if key in result.key_locations:
                first = result.key_locations[key]
                raise self.lawcode_error(
                    Message(N_("duplicate key {key} (first written on line {line})"), key=quoted_key(key),
                            line=first.line),
                    _mark_location(self, key_node),
                    Message(N_("remove one of them: YAML would silently keep only the last")),
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
            raise self.lawcode_error(
                Message(N_("impossible date {value}: {reason}"), value=repr(node.value), reason=str(e)),
                _mark_location(self, node), Message(N_("check the day and month; write dates as YYYY-MM-DD"))) \
                from None

    def construct_located_sequence(self, node: yaml.SequenceNode) -> LocatedList:
        result = LocatedList([self.construct_object(child, deep=True) for child in node.value])
        result.location = _mark_location(self, node)
        result.item_locations = [_mark_location(self, child) for child in node.value]
        return result


def quoted_key(key: Any) -> str:
    """A mapping key as a duplicate-key message quotes it: as written when short text, else bounded."""
    return f"'{key}'" if isinstance(key, str) and len(key) <= 80 else quote(key)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_located_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_located_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml_text(text: str, filename: str, error: type[LawcodeError] = RuleFileError) -> Any:
    """Parse YAML text safely, keeping locations; raise ``error`` (``RuleFileError``) with file:line:col."""
    try:
        loader = _Loader(text, filename, error)
    except UnicodeEncodeError as e:  # libyaml reads UTF-8: text holding a lone surrogate (from a Python caller)
        raise _at_offset(error, text, filename, e.start, Message(N_("a lone surrogate {code} is not a character"),
                                                                 code=f"U+{ord(text[e.start]):04X}")) from None
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        text_line = loader.lawcode_line(line) if line else None
        problem = e.problem or e.context or "invalid YAML"
        hint = Message(N_("YAML tags such as !!python/... are not allowed")) if "tag" in problem else Message(
            N_("check indentation, colons and quotes on this line or the one above"))
        raise error(Message(N_("invalid YAML: {problem}"), problem=_bounded(problem)),
                    Location(filename, line, col, text_line), hint) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow (a control character)
        offset = e.position
        if _BYTE_OFFSETS:
            offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
        code = e.character if isinstance(e.character, int) else ord(text[offset]) if offset < len(text) else 0
        raise _at_offset(error, text, filename, offset,
                         Message(N_("the character {code} is not allowed in YAML"), code=f"U+{code:04X}"),
                         Message(N_("remove it, or write it as an escape such as \\t inside double quotes"))) \
            from None
    except yaml.YAMLError as e:
        raise error(Message(N_("invalid YAML: {problem}"), problem=_bounded(str(e))), Location(filename)) from None
    except RecursionError:  # composing a deeply nested document (the pure-Python reader recurses)
        raise error(Message(N_("values are nested too deeply to be read")), Location(filename)) from None
    finally:
        loader.dispose()


def _bounded(problem: str) -> str:
    """A message of the YAML reader, which may quote the input: bounded and on one line."""
    from lawcode.errors import shorten

    return shorten(" ".join(problem.split()), 200)


def _at_offset(error: type[LawcodeError], text: str, filename: str, offset: int, message: Message,
               hint: Message | None = None) -> LawcodeError:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    source = text[start:end if end >= 0 else len(text)].rstrip("\r")
    return error(message, Location(filename, line, offset - start + 1, source), hint)


def load_yaml_file(path: Path, display: str | None = None) -> Any:
    """Read and parse one YAML file through ``files.read_input_text`` (regular files only, bounded, UTF-8 with the
    bad byte's place); every problem is a located ``RuleFileError``."""
    text = read_input_text(path, Message(N_("rule file")), RuleFileError,
                           size_limit("LAWCODE_MAX_RULE_FILE_BYTES", 16 * MB),
                           Message(N_("set {variable} to a larger number of bytes"),
                                   variable="LAWCODE_MAX_RULE_FILE_BYTES"), display)
    return load_yaml_text(text, display or str(path))
