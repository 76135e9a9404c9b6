"""Resources of the template as ARM expressions name them (`resourceId()`, `reference()`,
`list*()`, an extension resource's `scope`) and as Bicep does: by symbol (`nic.id`,
`vnet.properties`, `storage.listKeys()`, `scope: storage`). Every symbol used is recorded: Bicep
infers `dependsOn` from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from armc.arm.expressions import (
    Call,
    ExpressionError,
    Literal,
    Node,
    is_expression,
    parse_expression,
    unescape_literal,
    unparse,
    walk,
)
from armc.emit.bicep_code import Code, Expr, code
from armc.emit.bicep_text import quote


@dataclass(frozen=True)
class Symbol:
    """A resource of the template as expressions can name it."""

    key: str
    name: str
    type: str
    api_version: str
    looped: bool
    has_parent: bool


@dataclass
class Scope:
    """What names mean while translating: identifiers of parameters and variables (by ARM name,
    lower-cased), resources by `(type, name segments)` (lower-cased), the loop variables by copy
    name (lower-cased; `""` for the resource's own loop), and every declared identifier (a
    function shadowed by one is written with its namespace, `az.` or `sys.`)."""

    parameters: Mapping[str, str]
    variables: Mapping[str, str]
    resources: Mapping[tuple[str, tuple[str, ...]], Symbol]
    declared: frozenset[str]
    loops: dict[str, str] = field(default_factory=dict)
    current: str = ""
    """The key of the resource being declared: it cannot name itself (Bicep's BCP079)."""


class ResourceReferences:
    """The resource half of `Translator` (which supplies `node` and `function`)."""

    scope: Scope
    references: set[str]

    def node(self, node: Node) -> Expr:
        raise NotImplementedError

    def function(self, arm_name: str, args: list[Code]) -> Code:
        raise NotImplementedError

    def symbol_of(self, node: Node) -> Symbol | None:
        """The template resource a `resourceId('Type', name...)` call names: literal name
        segments, or one expression written as the resource's name is."""
        if not isinstance(node, Call) or node.lower != "resourceid" or len(node.args) < 2:
            return None
        type_node, *name_nodes = node.args
        if not isinstance(type_node, Literal) or not isinstance(type_node.value, str):
            return None
        segments = segments_key(name_nodes)
        if segments is None:
            return None
        symbol = self.scope.resources.get((type_node.value.lower(), segments))
        if symbol is None or self._is_current(symbol):
            return None
        if symbol.looped and not self._same_instance(name_nodes):
            return None
        return symbol

    def _same_instance(self, name_nodes: list[Node]) -> bool:
        """A reference to a loop's instance by the loop's own name expression, whose
        `copyIndex()` is the current loop's: the instance at the current loop variable."""
        if "" not in self.scope.loops or self.scope.loops[""].isdigit():
            return False
        copies = [n for node in name_nodes for n in walk(node) if isinstance(n, Call)]
        indexes = [c for c in copies if c.lower == "copyindex"]
        return bool(indexes) and all(
            not c.args or (isinstance(c.args[0], Literal) and type(c.args[0].value) is int)
            for c in indexes
        )

    def scope_symbol(self, value: object) -> str | None:
        """The symbol an extension resource's ARM `scope` names: `resourceId(...)`, or the
        relative form `Namespace/type/name` (literal, `format('T/{0}', name)` or
        `concat('T/', name)`), as Bicep itself compiles `scope: symbol`."""
        if not isinstance(value, str):
            return None
        if not is_expression(value):
            literal = unescape_literal(value)
            parts = literal.split("/")
            key = ("/".join(parts[:2]).lower(), tuple(p.lower() for p in parts[2:]))
            return self._scoped(key)
        tree = parse_expression(value)
        if isinstance(tree, ExpressionError):
            return None
        by_id = self.symbol_of(tree)
        if by_id is not None:
            return self._use(by_id)
        if not isinstance(tree, Call) or len(tree.args) != 2:
            return None
        head, name = tree.args
        if not isinstance(head, Literal) or not isinstance(head.value, str):
            return None
        prefix = {"format": "/{0}", "concat": "/"}.get(tree.lower)
        if prefix is None or not head.value.endswith(prefix):
            return None
        type_name = head.value[: -len(prefix)]
        segments = segments_key([name])
        return None if segments is None else self._scoped((type_name.lower(), segments))

    def _scoped(self, key: tuple[str, tuple[str, ...]]) -> str | None:
        symbol = self.scope.resources.get(key)
        if symbol is None or symbol.looped or self._is_current(symbol):
            return None
        return self._use(symbol)

    def _is_current(self, symbol: Symbol) -> bool:
        return symbol.key == self.scope.current

    def _use(self, symbol: Symbol) -> str:
        """The symbol as Bicep names it here (`nic`, or `nics[i]` for a loop's instance), and
        recorded as referenced."""
        self.references.add(symbol.key)
        return f"{symbol.name}[{self.scope.loops['']}]" if symbol.looped else symbol.name

    def _resource_id(self, node: Call) -> Expr:
        symbol = self.symbol_of(node)
        if symbol is not None:
            return Code(self._use(symbol) + ".id")
        sub = self._sub_resource_id(node)
        if sub is not None:
            return sub
        return self.function(node.name, [code(self.node(a)) for a in node.args])

    def _sub_resource_id(self, node: Call) -> Expr | None:
        """`resourceId('A/b/c', 'x', 'y')` where `A/b` named `x` is a resource of the template:
        `resourceId('A/b/c', symbol.name, 'y')`, which implies the dependency."""
        literals = [a.value for a in node.args if isinstance(a, Literal)]
        if len(literals) != len(node.args) or len(literals) < 3:
            return None
        if not all(isinstance(v, str) for v in literals):
            return None
        type_name, *segments = (str(v) for v in literals)
        owner_type = "/".join(type_name.split("/")[:2]).lower()
        symbol = self.scope.resources.get((owner_type, (segments[0].lower(),)))
        if symbol is None or symbol.looped or symbol.has_parent or self._is_current(symbol):
            return None
        owner = Code(self._use(symbol) + ".name")
        rest = [Code(quote(s)) for s in segments[1:]]
        return self.function("resourceId", [Code(quote(type_name)), owner, *rest])

    def _reference(self, node: Call) -> Expr:
        args = node.args
        symbol = self.symbol_of(args[0]) if args else None
        api = args[1] if len(args) > 1 else None
        full = (
            len(args) > 2 and isinstance(args[2], Literal) and str(args[2].value).lower() == "full"
        )
        same_api = api is None or (isinstance(api, Literal) and api.value == symbol_api(symbol))
        if symbol is not None and same_api and len(args) <= 3:
            name = self._use(symbol)
            return Code(name if full else f"{name}.properties")
        return self.function(node.name, [code(self.node(a)) for a in args])

    def _list_call(self, node: Call) -> Expr | None:
        symbol = self.symbol_of(node.args[0])
        if symbol is None or len(node.args) != 2:
            return None
        api = node.args[1]
        if not isinstance(api, Literal) or api.value != symbol.api_version:
            return None
        return Code(f"{self._use(symbol)}.{node.name}()")


def segments_key(nodes: list[Node]) -> tuple[str, ...] | None:
    """How `resource_index` keys a name given as `resourceId()` arguments: literal segments
    lower-cased, or a single expression by its canonical text."""
    if all(isinstance(n, Literal) and isinstance(n.value, str) for n in nodes):
        return tuple(str(n.value).lower() for n in nodes)  # type: ignore[union-attr]
    if len(nodes) == 1:
        return ("=" + unparse(nodes[0]).lower(),)
    return None


def name_key(name: object) -> tuple[str, ...] | None:
    """The `resource_index` key of a resource's `name` (a literal `a/b` or an expression)."""
    if not isinstance(name, str):
        return None
    if not is_expression(name):
        literal = unescape_literal(name)
        return tuple(part.lower() for part in literal.split("/"))
    tree = parse_expression(name)
    return None if isinstance(tree, ExpressionError) else segments_key([tree])


def symbol_api(symbol: Symbol | None) -> str | None:
    return symbol.api_version if symbol is not None else None
