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
from armc.emit.bicep_code import (
    ADDITIVE,
    AND,
    EQUALITY,
    MULTIPLICATIVE,
    OR,
    PRIMARY,
    RELATIONAL,
    TERNARY,
    UNARY,
    Code,
    Expr,
    Text,
    TranslationError,
    as_parts,
    binary,
    code,
    literal,
    merge,
    wrap,
)
from armc.emit.bicep_functions import AZ_FUNCTIONS, bicep_name
from armc.emit.bicep_references import ResourceReferences, Scope
from armc.emit.bicep_text import member

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


class Translator(ResourceReferences):
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
