"""AZR011: scale sets should repair unhealthy instances."""

from __future__ import annotations

from typing import Any

from armc.rules.property_rule import PropertyRule, is_true


class VmssAutomaticRepairs(PropertyRule):
    id = "AZR011"
    name = "vmss-automatic-repairs"
    category = "reliability"
    default_severity = "info"
    summary = "Scale sets should enable automatic instance repairs."
    rationale = (
        "With `automaticRepairsPolicy.enabled`, a scale set replaces instances that its "
        "health probe or the Application Health extension reports unhealthy; without it an "
        "unhealthy instance keeps taking its share of traffic until someone notices. It "
        "needs a health probe or the health extension."
    )
    equivalents = ("psrule:Azure.VMSS.AutoInstanceRepairs",)
    resource_type = "Microsoft.Compute/virtualMachineScaleSets"
    path = ("properties", "automaticRepairsPolicy", "enabled")
    fix_value = True
    wanted = "true"

    def acceptable(self, value: Any) -> bool:
        return is_true(value)
