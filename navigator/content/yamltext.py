"""YAML with line numbers, for manifests and front matter (safe loading only)."""

from __future__ import annotations

from typing import Any

import yaml


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


class YamlDoc:
    """A parsed YAML mapping that can say on which line each key stands."""

    def __init__(self, text: str, *, first_line: int = 1):
        self.first_line = first_line
        self.data: Any = {}
        self._node: yaml.Node | None = None
        if not text.strip():
            return
        # One pass: compose the node tree (line numbers), then build the data from it, with
        # libyaml when PyYAML has it (several times faster than the pure-Python parser).
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            self._node = loader.get_single_node()
            self.data = loader.construct_document(self._node) if self._node else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = first_line + (mark.line if mark is not None else 0)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise YamlSyntaxError(line, str(problem)) from None
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
