"""Discovers the rule modules (lazily, in a deterministic order) and indexes the rules.

Every module under `armc.rules.<category>` is imported in sorted order; each `Rule` subclass
defined in it is registered. Two rules with the same id or the same name are an error."""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Iterator

from armc.rules.base import CATEGORY_PREFIXES, Rule


class DuplicateRuleError(Exception):
    """Two rules claim the same id or name."""


class RuleRegistry:
    """Rules by id, sorted by id; lookups accept the id or the slug, case-insensitively."""

    def __init__(self, rules: Iterable[type[Rule]]) -> None:
        by_id: dict[str, type[Rule]] = {}
        by_name: dict[str, type[Rule]] = {}
        for rule in rules:
            for key, index, what in ((rule.id, by_id, "id"), (rule.name, by_name, "name")):
                other = index.get(key.lower())
                if other is not None and other is not rule:
                    raise DuplicateRuleError(
                        f"duplicate rule {what} '{key}': {_where(other)} and {_where(rule)}"
                    )
                index[key.lower()] = rule
        self._rules = sorted(by_id.values(), key=lambda r: r.id)
        self._by_id = by_id
        self._by_name = by_name

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, key: str) -> type[Rule] | None:
        """The rule whose id or slug is `key`, or None."""
        lowered = key.lower()
        return self._by_id.get(lowered) or self._by_name.get(lowered)

    def keys(self) -> list[str]:
        """Every id and slug (for did-you-mean hints)."""
        return [k for rule in self._rules for k in (rule.id, rule.name)]


def _where(rule: type[Rule]) -> str:
    return f"{rule.__module__}.{rule.__qualname__}"


def discover(package: str = "armc.rules") -> list[type[Rule]]:
    """Import every rule module of every category package under `package`, in sorted order."""
    found: list[type[Rule]] = []
    for category in sorted(CATEGORY_PREFIXES):
        module_name = f"{package}.{category}"
        try:
            category_package = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        names = sorted(
            info.name for info in pkgutil.iter_modules(category_package.__path__) if not info.ispkg
        )
        for name in names:
            module = importlib.import_module(f"{module_name}.{name}")
            for _, obj in sorted(inspect.getmembers(module, inspect.isclass)):
                if (
                    issubclass(obj, Rule)
                    and obj is not Rule
                    and obj.__module__ == module.__name__
                    and not obj.__dict__.get("abstract", False)
                ):
                    found.append(obj)
    return found


@functools.cache
def default_registry() -> RuleRegistry:
    """The registry of armc's own rules, discovered once per process."""
    return RuleRegistry(discover())
