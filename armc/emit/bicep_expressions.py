"""ARM template expressions (parsed by `armc.arm.expressions`) translated to Bicep.

`parameters('x')` and `variables('x')` become identifiers, `resourceId()` and `reference()` of a
resource in the template become symbolic references (`nic.id`, `vnet.properties.subnets`), the
comparison and arithmetic functions become operators, `format()` and string `concat()` become
interpolations and `copyIndex()` the loop variable. What has no better form keeps its call,
under Bicep's spelling of the function name. Every resource the result refers to by symbol is
recorded, so the emitter writes `dependsOn` only for the edges no reference implies."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from armc.arm.expressions import (
    Call,
    ExpressionError,
    Index,
    Literal,
    Node,
    Property,
    parse_expression,
    unparse,
)
from armc.emit.bicep_functions import AZ_FUNCTIONS, bicep_name
from armc.emit.bicep_text import escape, member, quote

# Operator precedence, loosest first (Bicep's table).
TERNARY, COALESCE, OR, AND, EQUALITY, RELATIONAL, ADDITIVE, MULTIPLICATIVE, UNARY, PRIMARY = range(
    1, 11
)

_BINARY = {
    "equals": ("==", EQUALITY),
    "less": ("<", RELATIONAL),
    "lessorequals": ("<=", RELATIONAL),
    "greater": (">", RELATIONAL),
    "greaterorequals": (">=", RELATIONAL),
    "add": ("+", ADDITIVE),
    "sub": ("-", ADDITIVE),
    "mul": ("*", MULTIPLICATIVE),
    "div": ("/", MULTIPLICATIVE),
    "mod": ("%", MULTIPLICATIVE),
}
_CHAINED = {"and": ("&&", AND), "or": ("||", OR)}
_FORMAT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)\}|[{}]")


class TranslationError(Exception):
    """An ARM expression that Bicep cannot say (the message names the construct)."""


@dataclass(frozen=True)
class Code:
    """A Bicep expression and its precedence."""

    text: str
    precedence: int = PRIMARY


@dataclass(frozen=True)
class Text:
    """A string value: literal pieces and interpolated expressions."""

    parts: tuple[str | Code, ...]

    @property
    def code(self) -> Code:
        return Code(render_text(self.parts))


Expr = Code | Text


def code(expr: Expr) -> Code:
    return expr.code if isinstance(expr, Text) else expr


def render_text(parts: tuple[str | Code, ...]) -> str:
    body = "".join(escape(p) if isinstance(p, str) else "${" + p.text + "}" for p in parts)
    return "'" + body + "'"


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


class Translator:
    """Translates the expressions of one declaration; `references` collects the resource keys
    the Bicep text names by symbol."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.references: set[str] = set()

    def expression(self, value: str) -> Expr:
        """A `"[...]"` JSON string value as Bicep."""
        tree = parse_expression(value)
        if isinstance(tree, ExpressionError):
            raise TranslationError(f"invalid ARM expression {value!r}: {tree.message}")
        return self.node(tree)

    def node(self, node: Node) -> Expr:
        if isinstance(node, Literal):
            return literal(node.value)
        if isinstance(node, Property):
            target = code(self.node(node.target))
            return Code(wrap(target, PRIMARY) + member(node.name))
        if isinstance(node, Index):
            target = code(self.node(node.target))
            return Code(f"{wrap(target, PRIMARY)}[{code(self.node(node.index)).text}]")
        return self.call(node)

    # -- calls ------------------------------------------------------------------------------

    def call(self, node: Call) -> Expr:
        name = node.lower
        args = node.args
        special = {
            "parameters": self._parameter,
            "variables": self._variable,
            "copyindex": self._copy_index,
            "resourceid": self._resource_id,
            "reference": self._reference,
            "format": self._format,
            "concat": self._concat,
            "if": self._if,
            "not": self._not,
            "createarray": self._array,
            "createobject": self._object,
            "json": self._json,
        }.get(name)
        if special is not None:
            return special(node)
        if name in _BINARY and len(args) == 2:
            operator, precedence = _BINARY[name]
            return binary(code(self.node(args[0])), operator, code(self.node(args[1])), precedence)
        if name in _CHAINED and len(args) >= 2:
            operator, precedence = _CHAINED[name]
            result = code(self.node(args[0]))
            for arg in args[1:]:
                result = binary(result, operator, code(self.node(arg)), precedence)
            return result
        if name in ("true", "false", "null") and not args:
            return Code(name)
        if name.startswith("list") and args:
            listed = self._list_call(node)
            if listed is not None:
                return listed
        return self.function(node.name, [code(self.node(a)) for a in args])

    def function(self, arm_name: str, args: list[Code]) -> Code:
        name = bicep_name(arm_name)
        if name in self.scope.declared:
            name = ("az." if name in AZ_FUNCTIONS else "sys.") + name
        return Code(f"{name}({', '.join(a.text for a in args)})")

    def _literal_arg(self, node: Call, index: int) -> str:
        arg = node.args[index] if index < len(node.args) else None
        if not isinstance(arg, Literal) or not isinstance(arg.value, str):
            raise TranslationError(f"{node.name}() needs a literal name in {unparse(node)}")
        return arg.value

    def _parameter(self, node: Call) -> Expr:
        return self._named(node, self.scope.parameters, "parameter")

    def _variable(self, node: Call) -> Expr:
        return self._named(node, self.scope.variables, "variable")

    def _named(self, node: Call, table: Mapping[str, str], what: str) -> Expr:
        """The identifier of `parameters('x')` / `variables('x')` (ARM names ignore case)."""
        name = self._literal_arg(node, 0)
        found = table.get(name.lower())
        if found is None:
            raise TranslationError(f"unknown {what} '{name}' in {unparse(node)}")
        return Code(found)

    def _copy_index(self, node: Call) -> Expr:
        """The loop variable (plus the offset); for one instance of a loop the front-end
        expanded, its index (`loops[""]` holds the digits)."""
        args = list(node.args)
        loop = ""
        if args and isinstance(args[0], Literal) and isinstance(args[0].value, str):
            loop = args.pop(0).value.lower()  # type: ignore[union-attr]
        loops = self.scope.loops
        variable = loops.get(loop)
        if variable is None and loops.get("", "").isdigit():
            variable = loops[""]
        if variable is None:
            raise TranslationError(f"{unparse(node)} outside its copy loop")
        offset = args[0] if args else Literal(0, 0, 0)
        if variable.isdigit() and isinstance(offset, Literal) and type(offset.value) is int:
            return literal(int(variable) + offset.value)
        added = code(self.node(offset))
        if added.text == "0":
            return Code(variable)
        return binary(Code(variable), "+", added, ADDITIVE)

    # -- resources --------------------------------------------------------------------------

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
        return None if symbol is None or symbol.looped or self._is_current(symbol) else symbol

    def scope_symbol(self, value: object) -> str | None:
        """The symbol an extension resource's ARM `scope` names: `resourceId(...)`, or the
        relative form `Namespace/type/name` (literal, `format('T/{0}', name)` or
        `concat('T/', name)`), as Bicep itself compiles `scope: symbol`."""
        if not isinstance(value, str):
            return None
        if not (value.startswith("[") and value.endswith("]")) or value.startswith("[["):
            literal = value[1:] if value.startswith("[[") else value
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
        self.references.add(symbol.key)
        return symbol.name

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

    # -- strings ----------------------------------------------------------------------------

    def _format(self, node: Call) -> Expr:
        args = node.args
        template = args[0] if args else None
        if not isinstance(template, Literal) or not isinstance(template.value, str):
            return self.function(node.name, [code(self.node(a)) for a in args])
        parts: list[str | Code] = []
        values = [self.node(a) for a in args[1:]]
        position = 0
        text = template.value
        for match in _FORMAT_ITEM.finditer(text):
            parts.append(text[position : match.start()])
            position = match.end()
            token = match.group(0)
            if token in ("{{", "}}"):
                parts.append(token[0])
            elif match.group(1) is not None and int(match.group(1)) < len(values):
                parts.extend(as_parts(values[int(match.group(1))]))
            else:  # a format specifier or a stray brace: keep the call
                return self.function(node.name, [code(v) for v in [literal(text), *values]])
        parts.append(text[position:])
        return Text(merge(parts))

    def _concat(self, node: Call) -> Expr:
        """String `concat()` as an interpolation: when an argument is a string or integer
        literal, it cannot be an array concatenation (integers are written as their digits)."""
        scalar = [isinstance(a, Literal) and type(a.value) in (str, int) for a in node.args]
        if not any(scalar):
            return self.function(node.name, [code(self.node(a)) for a in node.args])
        parts: list[str | Code] = []
        for arg in node.args:
            if isinstance(arg, Literal) and type(arg.value) is int:
                parts.append(str(arg.value))
            else:
                parts.extend(as_parts(self.node(arg)))
        return Text(merge(parts))

    # -- operators and literals -------------------------------------------------------------

    def _if(self, node: Call) -> Expr:
        if len(node.args) != 3:
            raise TranslationError(f"if() takes three arguments: {unparse(node)}")
        test, yes, no = (code(self.node(a)) for a in node.args)
        text = f"{wrap(test, PRIMARY)} ? {wrap(yes, TERNARY + 1)} : {wrap(no, TERNARY + 1)}"
        return Code(text, TERNARY)

    def _not(self, node: Call) -> Expr:
        if len(node.args) != 1:
            raise TranslationError(f"not() takes one argument: {unparse(node)}")
        return Code("!" + wrap(code(self.node(node.args[0])), UNARY), UNARY)

    def _array(self, node: Call) -> Expr:
        return Code("[" + ", ".join(code(self.node(a)).text for a in node.args) + "]")

    def _object(self, node: Call) -> Expr:
        from armc.emit.bicep_text import object_key

        args = node.args
        if len(args) % 2:
            raise TranslationError(f"createObject() needs key/value pairs: {unparse(node)}")
        pairs = []
        for key, value in zip(args[::2], args[1::2], strict=True):
            if not isinstance(key, Literal) or not isinstance(key.value, str):
                raise TranslationError(f"createObject() needs literal keys: {unparse(node)}")
            pairs.append(f"{object_key(key.value)}: {code(self.node(value)).text}")
        return Code("{ " + ", ".join(pairs) + " }" if pairs else "{}")

    def _json(self, node: Call) -> Expr:
        arg = node.args[0] if len(node.args) == 1 else None
        if isinstance(arg, Literal) and isinstance(arg.value, str):
            try:
                value = json.loads(arg.value)
            except ValueError:
                value = ...
            if value is None or (
                isinstance(value, bool | int | str) and not isinstance(value, float)
            ):
                return literal(value)
        return self.function(node.name, [code(self.node(a)) for a in node.args])


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
    if not (name.startswith("[") and name.endswith("]")) or name.startswith("[["):
        literal = name[1:] if name.startswith("[[") else name
        return tuple(part.lower() for part in literal.split("/"))
    tree = parse_expression(name)
    return None if isinstance(tree, ExpressionError) else segments_key([tree])


def symbol_api(symbol: Symbol | None) -> str | None:
    return symbol.api_version if symbol is not None else None


def literal(value: object) -> Expr:
    if isinstance(value, str):
        return Text((value,))
    if value is None:
        return Code("null")
    if isinstance(value, bool):
        return Code("true" if value else "false")
    if isinstance(value, int):
        return Code(str(value), UNARY if value < 0 else PRIMARY)
    if isinstance(value, float):
        return Code(f"json({quote(repr(value))})")
    raise TranslationError(f"unexpected literal {value!r}")


def as_parts(value: Expr) -> tuple[str | Code, ...]:
    """A value's pieces in a string: an integer literal is its digits."""
    if isinstance(value, Text):
        return value.parts
    return (value.text,) if re.fullmatch(r"-?\d+", value.text) else (value,)


def merge(parts: list[str | Code]) -> tuple[str | Code, ...]:
    """Adjacent literal pieces joined, empty ones dropped."""
    out: list[str | Code] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + part
                continue
        out.append(part)
    return tuple(out) if out else ("",)


def wrap(expr: Code, minimum: int) -> str:
    """`expr` as an operand that must bind at least as tightly as `minimum`."""
    return expr.text if expr.precedence >= minimum else f"({expr.text})"


def binary(left: Code, operator: str, right: Code, precedence: int) -> Code:
    """`left op right`. An operand that is itself an operation is parenthesised, bar the left
    operand of a chain of one operator class (`a && b && c`): as `bicep decompile` and the
    quickstarts write it (`(a == 'x') || (b == 'y')`), and as pycep-parser, which knows no
    operator precedence, reads it correctly."""
    left_text = left.text if left.precedence in (precedence, PRIMARY) else f"({left.text})"
    return Code(f"{left_text} {operator} {wrap(right, PRIMARY)}", precedence)
