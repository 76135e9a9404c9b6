"""A base for rules that check one property of one resource type against expected values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from armc.model.template import Resource
from armc.rules.base import Finding, FixSpec, Rule
from armc.rules.provenance import label, origin
from armc.rules.support import is_literal, raw_at

if TYPE_CHECKING:
    from armc.analysis.context import RuleContext


class PropertyRule(Rule):
    """Reports resources of `resource_type` whose value at `path` is not acceptable.

    `acceptable` returns whether a known value passes; `absent_ok` whether a missing
    property passes (Azure's default). Unknown values never produce a finding. When
    `fix_value` is set and the written value is a literal, the finding offers to replace it."""

    abstract = True
    resource_type: ClassVar[str]
    path: ClassVar[tuple[str, ...]]
    absent_ok: ClassVar[bool] = False
    fix_value: ClassVar[Any] = None
    wanted: ClassVar[str]
    """What the property should be, for messages: "true", "'TLS1_2'", "'Deny'"."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        resource_type = cls.__dict__.get("resource_type")
        if isinstance(resource_type, str):
            cls.resource_types = (resource_type,)

    def acceptable(self, value: Any) -> bool:
        raise NotImplementedError

    def applies(self, ctx: RuleContext, resource: Resource) -> bool:
        """Whether the property matters for this resource at all (default: always)."""
        return True

    def absent_acceptable(self, resource: Resource) -> bool:
        """Whether a missing property passes (it may depend on the apiVersion)."""
        return self.absent_ok

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        field = ".".join(self.path[1:] if self.path[0] == "properties" else self.path)
        for resource in ctx.resources(self.resource_type):
            if not self.applies(ctx, resource):
                continue
            value = ctx.value(resource, *self.path)
            if ctx.is_unknown(value):
                continue
            if value is None:
                if self.absent_acceptable(resource):
                    continue
                yield Finding.at(
                    resource,
                    f"{label(ctx, resource)} does not set {field} (should be {self.wanted})",
                    *self.path[:-1],
                    hint=f"set {field} to {self.wanted}",
                )
                continue
            if self.acceptable(value):
                continue
            fix = None
            if self.fix_value is not None and is_literal(raw_at(resource, *self.path)):
                fix = FixSpec(
                    f"set {field} to {self.wanted}", resource.path + self.path, self.fix_value
                )
            where = origin(ctx, resource, *self.path, value=value)
            shown = repr(value) if isinstance(value, str) else str(value).lower()
            yield Finding.at(
                resource,
                f"{label(ctx, resource)} sets {field} to {shown}{where} (should be {self.wanted})",
                *self.path,
                fix=fix,
            )


def is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def equals(value: Any, *allowed: str) -> bool:
    return isinstance(value, str) and value.lower() in {a.lower() for a in allowed}
