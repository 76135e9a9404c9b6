"""Whatever the input, loading and evaluating produce diagnostics, never an exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armc.arm.loader import load_document
from armc.arm.reader import read_text

_expressions = st.sampled_from(
    [
        "[parameters('p')]",
        "[variables('v')]",
        "[copyIndex()]",
        "[resourceId('Microsoft.Web/sites', 'a')]",
        "[reference('a').x]",
        "[concat('a', parameters('p'))]",
        "[div(1, 0)]",
        "[createArray(1)[3]]",
        "[concat(",
        "[listKeys('a', '1')]",
        "[if(parameters('p'), 'a', 'b')]",
        "[variables('copy')]",
        "a",
        "Microsoft.Web/sites",
    ]
)
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 900), _expressions, st.text(max_size=5)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["type", "name", "copy", "count", "input", "properties", "dependsOn", "x"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
_resource = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            ["Microsoft.Web/sites", "Microsoft.Resources/deployments", "subnets", 3]
        )
    },
    optional={
        "name": _scalars,
        "apiVersion": st.just("2020-01-01"),
        "copy": st.fixed_dictionaries({"name": st.just("loop"), "count": _scalars}),
        "dependsOn": st.lists(_scalars, max_size=3),
        "properties": _values,
        "resources": st.lists(st.fixed_dictionaries({"type": st.just("x"), "name": _scalars})),
        "condition": _scalars,
    },
)
_template = st.fixed_dictionaries(
    {
        "$schema": st.just(
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
        ),
        "resources": st.lists(_resource, max_size=4) | _values,
    },
    optional={
        "parameters": st.dictionaries(st.sampled_from(["p", "q"]), _values, max_size=2),
        "variables": st.dictionaries(st.sampled_from(["v", "copy", "w"]), _values, max_size=3),
        "outputs": st.dictionaries(st.just("o"), _values, max_size=1),
        "languageVersion": st.just("2.0"),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_template)
def test_random_templates_never_raise(template: dict[str, Any]) -> None:
    document = read_text(json.dumps(template, indent=1), "random.json")
    loaded = load_document(document)
    loaded.evaluate_all()
    loaded.cycle_diagnostics()
    for resource in loaded.template.resources:
        loaded.evaluated(resource)
        loaded.value(resource, "properties", "x")
    assert all(d.code for d in loaded.diagnostics)
