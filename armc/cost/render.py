"""Estimates and diffs as a table (people), JSON (scripts) or Markdown (pull requests)."""

from __future__ import annotations

from decimal import Decimal

from armc.cost.diff import CostDiff
from armc.cost.model import Estimate, PriceLine, ResourceCost, usd
from armc.perf import indented

FORMATS = ("table", "json", "markdown")


def _type(name: str) -> str:
    return name.removeprefix("Microsoft.")


def _singular(unit: str) -> str:
    """ "hours" -> "hour", "GiB-hours" -> "GiB-hour", "million queries" -> "million query"."""
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    return unit.removesuffix("s")


def _unit_price(line: PriceLine) -> str:
    if line.unit_usd is None:
        return "no price in the catalog"
    return f"${line.unit_usd:f}/{_singular(line.unit)}"


def _header(estimate: Estimate) -> str:
    pricing = {"payg": "pay-as-you-go"}.get(estimate.pricing, estimate.pricing)
    return (
        f"prices as of {estimate.catalog_as_of or 'n/a'}, {pricing}, "
        f"{estimate.hours:f} hours a month, USD"
    )


def render_estimate(estimate: Estimate, format: str) -> str:
    if format == "json":
        return indented(estimate.to_json())
    if format == "markdown":
        return _estimate_markdown(estimate)
    return _estimate_table(estimate)


def _priced_rows(estimate: Estimate) -> list[ResourceCost]:
    return [r for r in estimate.resources if r.status not in ("free",)]


def _label(estimate: Estimate, cost: ResourceCost) -> str:
    """The resource name, with its file when the estimate covers several files."""
    return f"{cost.file}: {cost.name}" if len(estimate.files) > 1 else cost.name


def _estimate_table(estimate: Estimate) -> str:
    rows = [("RESOURCE", "TYPE", "SKU", "REGION", "MONTHLY")]
    details: list[str] = []
    for cost in _priced_rows(estimate):
        monthly = usd(cost.monthly_usd) if cost.status != "unpriced" else "unpriced"
        if cost.status == "not-modelled":
            monthly = "not modelled"
        elif cost.status == "partial":
            monthly += " +?"
        name = _label(estimate, cost)
        rows.append((name, _type(cost.type), cost.sku or "", cost.region or "", monthly))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(
            cell.ljust(w) if i < 4 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.append(
        f"{'TOTAL':<{sum(widths[:4]) + 8}}  {usd(estimate.total_monthly_usd):>{widths[4]}}"
    )
    for cost in _priced_rows(estimate):
        name = _label(estimate, cost)
        for line in cost.lines:
            amount = usd(line.monthly_usd) if not line.usage else "usage"
            details.append(f"  {name}: {line.description} at {_unit_price(line)} = {amount}")
        details.extend(f"  {name}: UNPRICED: {why}" for why in cost.unpriced)
        details.extend(f"  {name}: note: {note}" for note in cost.notes)
    out = [_header(estimate), "", *lines]
    if details:
        out += ["", "Price lines:", *details]
    out += [f"error: {p}" for p in estimate.problems]
    unpriced = len(estimate.unpriced)
    out.append("")
    out.append(
        f"{unpriced} resource(s) not fully priced: the total leaves them out"
        if unpriced
        else "every resource is priced"
    )
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def _estimate_markdown(estimate: Estimate) -> str:
    out = [
        f"### armc cost: {usd(estimate.total_monthly_usd)} a month",
        "",
        f"_{_header(estimate)}_",
        "",
        "| Resource | Type | SKU | Region | Monthly |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for cost in _priced_rows(estimate):
        monthly = usd(cost.monthly_usd) if cost.status in ("priced", "partial") else cost.status
        out.append(
            f"| {_md_escape(_label(estimate, cost))} | {_type(cost.type)} | {cost.sku or ''} | "
            f"{cost.region or ''} | {monthly} |"
        )
    out.append(f"| **Total** | | | | **{usd(estimate.total_monthly_usd)}** |")
    unpriced = [(c, why) for c in estimate.resources for why in c.unpriced]
    usage = [(c, line) for c in estimate.resources for line in c.lines if line.usage]
    if unpriced:
        out += ["", "**Not priced** (left out of the total):", ""]
        out += [f"- `{_md_escape(_label(estimate, c))}`: {why}" for c, why in unpriced]
    if usage:
        out += ["", "**Usage-based** (not in the total):", ""]
        out += [
            f"- `{_md_escape(_label(estimate, c))}`: {line.description}, {_unit_price(line)}"
            for c, line in usage
        ]
    out += [f"- error: {p}" for p in estimate.problems]
    return "\n".join(out) + "\n"


def _signed(amount: Decimal) -> str:
    text = usd(amount)
    return text if amount < 0 else f"+{text}"


def render_diff(diff: CostDiff, format: str) -> str:
    if format == "json":
        return indented(diff.to_json())
    if format == "markdown":
        out = [
            f"### armc cost diff: {_signed(diff.delta_usd)} a month",
            "",
            f"{usd(diff.base.total_monthly_usd)} → {usd(diff.head.total_monthly_usd)} "
            f"(prices as of {diff.head.catalog_as_of or 'n/a'})",
            "",
        ]
        if not diff.deltas:
            return "\n".join([*out, "No cost changes."]) + "\n"
        out += ["| Change | Resource | Type | SKU | Before | After | Delta |"]
        out += ["| --- | --- | --- | --- | ---: | ---: | ---: |"]
        for d in diff.deltas:
            out.append(
                f"| {d.change} | {_md_escape(d.name)} | {_type(d.type)} | {d.sku_change} | "
                f"{d.shown(d.base)} | {d.shown(d.head)} | {_signed(d.delta_usd)} |"
            )
        unpriced = [(d.name, why) for d in diff.deltas if d.head for why in d.head.unpriced]
        if unpriced:
            out += ["", "**Not priced:**", ""]
            out += [f"- `{_md_escape(name)}`: {why}" for name, why in unpriced]
        return "\n".join(out) + "\n"
    lines = [
        f"base {usd(diff.base.total_monthly_usd)}, head {usd(diff.head.total_monthly_usd)}, "
        f"delta {_signed(diff.delta_usd)} a month"
    ]
    for d in diff.deltas:
        lines.append(
            f"  {d.change:<8} {_type(d.type)} {d.name} {d.sku_change} {_signed(d.delta_usd)}"
        )
    return "\n".join(lines) + "\n"
