"""The ARM template functions armc evaluates, by lower-cased name.

Each function takes the deployment context and its evaluated arguments. Arguments that are (or
contain) `Unknown` never reach a function unless it is listed in `SEES_UNKNOWN` (or, for Unknown
items inside arrays and objects, `SEES_UNKNOWN_ITEMS`): the evaluator returns the Unknown
instead. Bad arguments raise `EvalError`, which the evaluator reports where the expression is
written. Functions whose result only Azure knows return Unknown; ARM functions armc does not
evaluate are in `NOT_EVALUATED`.

Deployment functions return the placeholders of `DeploymentContext` (documented there), so that
names built from them stay concrete and stable from run to run.
"""

from __future__ import annotations

from armc.arm.functions.arrays import ARRAY_FUNCTIONS
from armc.arm.functions.base import MAX_STRING, DeploymentContext, Function, to_arm_string
from armc.arm.functions.deployment import DEPLOYMENT_FUNCTIONS, split_resource_id_args
from armc.arm.functions.logic import LOGIC_FUNCTIONS
from armc.arm.functions.strings import STRING_FUNCTIONS, unique_string

__all__ = [
    "FUNCTIONS",
    "MAX_STRING",
    "NOT_EVALUATED",
    "SECRET_PREFIX",
    "SEES_UNKNOWN",
    "SEES_UNKNOWN_ITEMS",
    "DeploymentContext",
    "Function",
    "split_resource_id_args",
    "to_arm_string",
    "unique_string",
]

FUNCTIONS: dict[str, Function] = {
    **STRING_FUNCTIONS,
    **ARRAY_FUNCTIONS,
    **LOGIC_FUNCTIONS,
    **DEPLOYMENT_FUNCTIONS,
}


# ARM functions armc knows by name but does not evaluate (lambdas, languageVersion 2.0 helpers)
NOT_EVALUATED = frozenset(
    [
        "filter",
        "map",
        "reduce",
        "sort",
        "toobject",
        "lambda",
        "lambdavariables",
        "tryget",
        "flatten",
        "objectkeys",
        "shallowmerge",
        "groupby",
        "mapvalues",
        "indexfromend",
        "tryindexfromend",
        "parsecidr",
        "cidrsubnet",
        "cidrhost",
        "loadtextcontent",
        "loadjsoncontent",
        "loadfileasbase64",
        "error",
    ]
)

# functions that see Unknown arguments (the others get the first Unknown as their result)
SEES_UNKNOWN = frozenset(
    {"createarray", "createobject", "array", "concat", "and", "or", "coalesce"}
)
# functions that see arrays and objects with Unknown items (but not an Unknown argument)
SEES_UNKNOWN_ITEMS = frozenset({"length", "empty", "first", "last", "take", "skip", "union"})

SECRET_PREFIX = "list"
"""`list*()` functions (listKeys, listSecrets...) return secrets: Unknown(secret=True)."""
