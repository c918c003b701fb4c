"""YAML with line numbers, for manifests and front matter (safe loading only)."""

from __future__ import annotations

from typing import Any

import yaml

from navigator.i18n import _

# libyaml when PyYAML has it (several times faster than the pure-Python parser).
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Deeper nesting is refused before it is composed: libyaml's composer recurses in C and
# crashes the whole program (a segmentation fault) at about 40,000 levels, fewer on a thread.
MAX_DEPTH = 100
# Every level of nesting needs one of these characters of its own ('[', '{', '- ', '? ',
# ': '), so a text with at most MAX_DEPTH of them cannot nest deeper: no need to look.
_NESTING_MARKS = "[{-?:"
# What building a value may raise besides YAMLError (a date like 2020-99-99, '!!int abc').
_VALUE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loading where a value that cannot be built is an error on its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except _VALUE_ERRORS:
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            raise yaml.constructor.ConstructorError(
                None, None, _("'{value}' cannot be read: if it is text, put it between "
                              "quotes").format(value=value), node.start_mark) from None


def _too_deep(text: str) -> int | None:
    """The 0-based line where the text nests deeper than MAX_DEPTH, or ``None``."""
    if sum(text.count(mark) for mark in _NESTING_MARKS) <= MAX_DEPTH:
        return None
    parser = _BaseLoader(text)  # the events only: libyaml's parser keeps no C stack
    try:
        depth = 0
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(event.start_mark.line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return None
    finally:
        parser.dispose()


class YamlDoc:
    """A parsed YAML mapping that can say on which line each key stands."""

    def __init__(self, text: str, *, first_line: int = 1):
        self.first_line = first_line
        self.data: Any = {}
        self._node: yaml.Node | None = None
        if not text.strip():
            return
        try:
            deep_line = _too_deep(text)
        except yaml.YAMLError as exc:
            raise _syntax_error(exc, first_line) from None
        if deep_line is not None:
            raise YamlSyntaxError(first_line + deep_line, _(
                "the lists and mappings nest more than {count} levels deep"
            ).format(count=MAX_DEPTH))
        # One pass: compose the node tree (line numbers), then build the data from it.
        loader = _Loader(text)
        try:
            self._node = loader.get_single_node()
            self.data = loader.construct_document(self._node) if self._node else None
        except yaml.YAMLError as exc:
            raise _syntax_error(exc, first_line) from None
        except RecursionError:  # the pure-Python parser, without libyaml
            raise YamlSyntaxError(first_line, _(
                "the lists and mappings nest more than {count} levels deep"
            ).format(count=MAX_DEPTH)) from None
        finally:
            loader.dispose()

    def raw(self, key: str) -> str | None:
        """The text of a top-level scalar exactly as written (``1.10`` stays ``1.10``)."""
        if isinstance(self._node, yaml.MappingNode):
            for k, v in self._node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key \
                        and isinstance(v, yaml.ScalarNode):
                    return str(v.value)
        return None

    def line_of(self, *path: str | int) -> int:
        """The line of the value at ``path`` (keys and list indexes); the nearest known line."""
        node = self._node
        line = node.start_mark.line if node is not None else 0
        for key in path:
            if isinstance(node, yaml.MappingNode) and isinstance(key, str):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == key:
                        node, line = v, k.start_mark.line
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if 0 <= key < len(node.value):
                    node = node.value[key]
                    line = node.start_mark.line
                else:
                    break
            else:
                break
        return self.first_line + line


def _syntax_error(exc: yaml.YAMLError, first_line: int) -> YamlSyntaxError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + (mark.line if mark is not None else 0)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return YamlSyntaxError(line, str(problem))
