"""The one Jinja2 environment of the emitters: StrictUndefined, no autoescape, JSON filter."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armc.emit.json_text import encode

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"


def ordered(mapping: dict[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """`mapping` with the keys named in `order` first (in that order), the rest as they were."""
    first = {key: mapping[key] for key in order if key in mapping}
    return first | {key: value for key, value in mapping.items() if key not in first}


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        extensions=["jinja2.ext.do"],
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.filters["j"] = encode
    env.filters["ordered"] = ordered
    return env


@cache
def template(name: str) -> jinja2.Template:
    return environment().get_template(name)


def resource_template() -> jinja2.Template:
    """The ARM rendering of one resource (every kind: see `view.KINDS`)."""
    return template("arm/resource.json.j2")
