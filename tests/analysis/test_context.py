from __future__ import annotations

from armc.analysis.context import UNKNOWN, EvaluatedValues, RawValues, RuleContext, is_expression
from armc.model.template import Dependency
from tests.analysis.helpers import arm, build


def _template() -> RuleContext:
    doc = arm(
        [
            {
                "type": "Microsoft.Network/publicIPAddresses",
                "name": "ip",
                "sku": {"name": "Basic"},
                "properties": {
                    "dnsSettings": "[parameters('dns')]",
                    "escaped": "[[not an expression]",
                    "list": [1, {"Mixed": "x"}],
                },
            },
            {"type": "microsoft.network/PUBLICIPADDRESSES", "name": "ip2", "dependsOn": []},
            {"type": "Microsoft.Network/virtualNetworks", "name": "vnet"},
        ]
    )
    template, _ = build(doc)
    template.resources[1].dependencies.append(
        Dependency("Microsoft.Network/publicIPAddresses/ip", "explicit")
    )
    return RuleContext(template)


def test_raw_values() -> None:
    ctx = _template()
    ip = ctx.template.resources[0]
    assert ctx.value(ip, "sku", "name") == "Basic"
    assert ctx.value(ip, "SKU", "Name") == "Basic"  # ARM names are case-insensitive
    assert ctx.value(ip, "properties", "dnsSettings") is UNKNOWN
    assert ctx.value(ip, "properties", "dnsSettings", "fqdn") is UNKNOWN
    assert ctx.value(ip, "properties", "escaped") == "[not an expression]"
    assert ctx.value(ip, "properties", "list", 1, "mixed") == "x"
    assert ctx.value(ip, "properties", "list", 5) is None
    assert ctx.value(ip, "properties", "missing", "deeper") is None
    assert ctx.is_unknown(UNKNOWN) and not ctx.is_unknown(None)
    assert not UNKNOWN


def test_is_expression() -> None:
    assert is_expression("[parameters('x')]")
    assert not is_expression("[[escaped]")
    assert not is_expression("plain")
    assert not is_expression("[not closed")


def test_resources_by_type_graph_and_spans() -> None:
    ctx = _template()
    assert [r.name for r in ctx.resources("microsoft.network/publicipaddresses")] == ["ip", "ip2"]
    both = ctx.resources("Microsoft.Network/virtualNetworks", "Microsoft.Network/publicIPAddresses")
    assert [r.name for r in both] == ["ip", "ip2", "vnet"]
    assert ctx.graph.has_edge(
        "microsoft.network/PUBLICIPADDRESSES/ip2", "Microsoft.Network/publicIPAddresses/ip"
    )
    span = ctx.span_of(("resources", 0, "sku", "name"))
    assert span is not None and span.line > 1
    assert ctx.span_of(("resources", 0, "sku", "nothing")) == ctx.span_of(("resources", 0, "sku"))


def test_raw_values_satisfy_the_protocol() -> None:
    assert isinstance(RawValues(), EvaluatedValues)


class _Evaluated:
    """What the ARM evaluator will provide: its own unknown sentinel."""

    MISSING = object()

    def value(self, resource: object, path: tuple[str | int, ...]) -> object:
        return self.MISSING if path[-1] == "name" else "Standard"

    def is_unknown(self, value: object) -> bool:
        return value is self.MISSING


def test_a_different_evaluator_plugs_in() -> None:
    template = _template().template
    ctx = RuleContext(template, _Evaluated())
    ip = template.resources[0]
    assert ctx.is_unknown(ctx.value(ip, "sku", "name"))
    assert ctx.value(ip, "sku", "tier") == "Standard"


def test_unknown_keeps_its_identity_through_pickling() -> None:
    import pickle

    assert pickle.loads(pickle.dumps(UNKNOWN)) is UNKNOWN
    assert repr(UNKNOWN) == "UNKNOWN"


class _LoaderUnknown:
    def __init__(self, reason: str) -> None:
        self.reason = reason


class _LoadedTemplate:
    """The shape of the ARM loader's evaluated view: `value(resource, *path)`."""

    def value(self, resource: object, *path: str | int) -> object:
        if path == ("sku", "name"):
            return "Basic"  # e.g. the default of the parameter the template references
        return _LoaderUnknown("reference()")


def test_adapted_values_plug_in_the_arm_loader() -> None:
    from armc.analysis.context import AdaptedValues
    from armc.analysis.run import analyse
    from armc.config import Config

    doc = arm(
        [
            {
                "type": "Microsoft.Network/publicIPAddresses",
                "name": "ip",
                "sku": {"name": "[parameters('sku')]"},
                "properties": {"publicIPAllocationMethod": "Static"},
            }
        ],
        parameters={"sku": {"type": "string", "defaultValue": "Basic"}},
    )
    template, _ = build(doc)
    values = AdaptedValues(_LoadedTemplate(), lambda v: isinstance(v, _LoaderUnknown))
    assert isinstance(values, EvaluatedValues)
    (finding,) = analyse(template, values=values, config=Config(select=("AZR002",)))
    assert finding.message.endswith("uses the retired Basic SKU")
    assert finding.fix is None  # the template has an expression there: no mechanical fix
    assert analyse(template, config=Config(select=("AZR002",))) == []  # raw: unknown, silent
