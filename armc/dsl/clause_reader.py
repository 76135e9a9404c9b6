"""Reading clauses: arguments left to right, settings by keyword, and the helpers every
declaration shaper shares (blocks as objects, zones, the common name/count/location/tags)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from armc.diagnostics import Diagnostics, did_you_mean
from armc.dsl import ir
from armc.dsl.codes import Reporter, report
from armc.source import Span

COUNTABLE = ("vm", "pip", "disk", "resource")
COMMON_CLAUSES = ("location", "tags")
ON_OFF = {"on": True, "off": False, "true": True, "false": False, "yes": True, "no": False}

_T = TypeVar("_T")


def end_span(span: Span) -> Span:
    """A one-character span just after `span` (where a missing argument would go)."""
    return Span(span.file, span.end_line, span.end_column, span.end_line, span.end_column + 1)


@dataclass
class ArgReader:
    """Reads a clause's arguments left to right, reporting what is missing or extra."""

    clause: ir.Clause
    diagnostics: Diagnostics
    args: Sequence[ir.Arg]
    position: int = 0

    @property
    def done(self) -> bool:
        return self.position >= len(self.args)

    def peek(self) -> ir.Arg | None:
        return None if self.done else self.args[self.position]

    def peek_word(self) -> str | None:
        arg = self.peek()
        return arg.text if isinstance(arg, ir.Word) else None

    def _missing(self, what: str) -> None:
        last = self.args[self.position - 1].span if self.position else self.clause.keyword_span
        report(self.diagnostics, "DSL106", f"'{self.clause.keyword}' needs {what}", end_span(last))

    def arg(self, what: str) -> ir.Arg | None:
        if self.done:
            self._missing(what)
            return None
        arg = self.args[self.position]
        self.position += 1
        return arg

    def word(self, what: str) -> ir.Word | None:
        arg = self.arg(what)
        if arg is None or isinstance(arg, ir.Word):
            return arg
        report(self.diagnostics, "DSL311", f"'{self.clause.keyword}' expects {what} here", arg.span)
        return None

    def word_or_star(self, what: str) -> ir.Word | ir.Star | None:
        arg = self.arg(what)
        if arg is None or isinstance(arg, ir.Word | ir.Star):
            return arg
        report(self.diagnostics, "DSL311", f"'{self.clause.keyword}' expects {what} here", arg.span)
        return None

    def choice(self, what: str, choices: Sequence[str]) -> ir.Word | None:
        word = self.word(what)
        if word is not None and word.text.lower() not in choices:
            hint = did_you_mean(word.text, choices)
            report(
                self.diagnostics,
                "DSL311",
                f"'{word.text}' is not {what} (one of {', '.join(choices)})",
                word.span,
                hint=hint,
            )
            return None
        return word

    def rest(self) -> list[ir.Arg]:
        rest = list(self.args[self.position :])
        self.position = len(self.args)
        return rest

    def until(self, stop_words: Sequence[str]) -> list[ir.Arg]:
        taken: list[ir.Arg] = []
        while not self.done and self.peek_word() not in stop_words:
            taken.append(self.args[self.position])
            self.position += 1
        return taken

    def finish(self) -> None:
        if not self.done:
            extra = self.args[self.position]
            report(
                self.diagnostics,
                "DSL107",
                f"unexpected argument for '{self.clause.keyword}'",
                extra.span,
            )
            self.position = len(self.args)


@dataclass
class Settings:
    """The clauses of a declaration (header options and block), by keyword, checked."""

    clauses: dict[str, list[ir.Clause]] = field(default_factory=dict)

    def all(self, keyword: str) -> list[ir.Clause]:
        return self.clauses.get(keyword, [])


class ClauseShaper(Reporter):
    """What every declaration shaper uses; the kinds live in `shape_network` and
    `shape_compute`."""

    """Builds typed declarations from clauses; collects diagnostics."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics

    # ---- helpers ------------------------------------------------------------------------------

    def _reader(self, clause: ir.Clause, skip: int = 0) -> ArgReader:
        return ArgReader(clause, self.diagnostics, clause.args, skip)

    def _no_block(self, clause: ir.Clause) -> None:
        if clause.block is not None:
            self.report("DSL107", f"'{clause.keyword}' does not take a block", clause.block.span)

    def _no_condition(self, clause: ir.Clause) -> None:
        if clause.condition is not None:
            self.report(
                "DSL109",
                f"'{clause.keyword}' cannot have an 'if' condition",
                clause.condition.span,
            )

    def _settings(self, clause: ir.Clause, allowed: Sequence[str], kind: str) -> Settings:
        settings = Settings()
        if clause.block is None:
            return settings
        for item in clause.block.items:
            if isinstance(item, ir.Pair):
                known = item.key in allowed
                self.report(
                    "DSL109",
                    f"{kind} settings are written without ':'"
                    if known
                    else f"'{item.key}: ...' is not a {kind} setting",
                    item.key_span,
                    hint=f"write '{item.key} VALUE'"
                    if known
                    else did_you_mean(item.key, allowed)
                    or f"settings such as {', '.join(allowed[:4])}",
                )
                continue
            if item.keyword not in allowed:
                self.report(
                    "DSL105",
                    f"unknown {kind} setting '{item.keyword}'",
                    item.keyword_span,
                    hint=did_you_mean(item.keyword, allowed),
                )
                continue
            self._no_condition(item)
            settings.clauses.setdefault(item.keyword, []).append(item)
        return settings

    def _single(self, settings: Settings, keyword: str) -> ir.Clause | None:
        found = settings.all(keyword)
        for extra in found[1:]:
            self.report("DSL110", f"'{keyword}' is given more than once", extra.keyword_span)
        return found[0] if found else None

    def _single_value(
        self, settings: Settings, keyword: str, read: Callable[[ArgReader], _T]
    ) -> _T | None:
        """The one argument of a setting given at most once, read with `read`."""
        clause = self._single(settings, keyword)
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        value = read(reader)
        reader.finish()
        return value

    def _single_arg(self, settings: Settings, keyword: str, what: str) -> ir.Arg | None:
        return self._single_value(settings, keyword, lambda reader: reader.arg(what))

    def _single_word(self, settings: Settings, keyword: str, what: str) -> ir.Word | None:
        return self._single_value(settings, keyword, lambda reader: reader.word(what))

    def _flag(self, settings: Settings, keyword: str) -> ir.Setting | None:
        clause = self._single(settings, keyword)
        if clause is None:
            return None
        self._no_block(clause)
        reader = self._reader(clause)
        enabled = True
        if not reader.done:
            word = reader.choice("on or off", tuple(ON_OFF))
            enabled = ON_OFF[word.text.lower()] if word else True
        reader.finish()
        return ir.Setting(enabled, clause.span)

    def object_of(self, block: ir.Block) -> ir.ObjectExpr:
        """`{ key: value, nested { ... } }` as an object expression."""
        entries: list[ir.ObjectEntry] = []
        for item in block.items:
            if isinstance(item, ir.Pair):
                entries.append(ir.ObjectEntry(item.key, item.value, item.span))
            elif not item.args and item.block is not None and item.condition is None:
                entries.append(ir.ObjectEntry(item.keyword, self.object_of(item.block), item.span))
            else:
                self.report(
                    "DSL109",
                    f"expected 'key: value' inside this block, found '{item.keyword} ...'",
                    item.keyword_span,
                    hint=f"write '{item.keyword}: <value>'",
                )
        return ir.ObjectExpr(tuple(entries), block.span)

    def _object_clause(self, clause: ir.Clause) -> ir.ObjectExpr | None:
        """`tags { ... }` or `tags ({...})`."""
        if clause.block is not None:
            if clause.args:
                self.report(
                    "DSL107", f"unexpected argument for '{clause.keyword}'", clause.args[0].span
                )
            return self.object_of(clause.block)
        reader = self._reader(clause)
        arg = reader.arg("a { key: value } block")
        reader.finish()
        if isinstance(arg, ir.ValueArg) and isinstance(arg.expr, ir.ObjectExpr):
            return arg.expr
        if arg is not None:
            self.report("DSL311", f"'{clause.keyword}' expects a {{ key: value }} block", arg.span)
        return None

    def _tags_clause(self, clause: ir.Clause) -> ir.Expr | None:
        """A declaration's `tags { ... }`, or `tags t` / `tags (EXPR)`: an object known at
        deployment (an object parameter)."""
        if clause.block is not None or len(clause.args) != 1:
            return self._object_clause(clause)
        arg = clause.args[0]
        if isinstance(arg, ir.Word) and "." not in arg.text:
            return ir.NameRef(arg.text, arg.span)
        if isinstance(arg, ir.ValueArg) and not isinstance(arg.expr, ir.Literal):
            return arg.expr
        return self._object_clause(clause)

    def _zones(self, settings: Settings, header: Sequence[ir.Arg]) -> tuple[ir.Arg, ...]:
        zones: list[ir.Arg] = []
        for arg in header:
            if isinstance(arg, ir.CallWord) and arg.name == "zones":
                zones.extend(ir.ValueArg(a, a.span) for a in arg.args)
        for keyword in ("zone", "zones"):
            clause = self._single(settings, keyword)
            if clause is not None:
                self._no_block(clause)
                zones.extend(clause.args)
                if not clause.args:
                    self.report(
                        "DSL106", f"'{keyword}' needs a zone number", end_span(clause.keyword_span)
                    )
        return tuple(zones)

    def _common(
        self, clause: ir.Clause, settings: Settings, name_arg: ir.Arg | None, kind: str
    ) -> ir.Common | None:
        count: ir.Expr | None = None
        if isinstance(name_arg, ir.IndexedWord):
            if kind not in COUNTABLE:
                self.report(
                    "DSL107", f"a count is only allowed on {', '.join(COUNTABLE)}", name_arg.span
                )
            count = name_arg.index
            name, name_span = name_arg.text, name_arg.span
        elif isinstance(name_arg, ir.Word):
            name, name_span = name_arg.text, name_arg.span
        else:
            if name_arg is not None:
                self.report("DSL205", f"expected a name for this {kind}", name_arg.span)
            return None
        location = self._single_arg(settings, "location", "a location")
        tags_clause = self._single(settings, "tags")
        tags = self._tags_clause(tags_clause) if tags_clause else None
        return ir.Common(name, name_span, count, clause.condition, location, tags, clause.span)

    # ---- entry point -------------------------------------------------------------------------

    def _only_zones(self, header: Sequence[ir.Arg]) -> None:
        for arg in header:
            if not (isinstance(arg, ir.CallWord) and arg.name == "zones"):
                self.report(
                    "DSL107", "unexpected argument; only zones(...) may follow the name", arg.span
                )

    def _choice_setting(
        self, settings: Settings, keyword: str, choices: Sequence[str]
    ) -> ir.Word | None:
        return self._single_value(
            settings, keyword, lambda reader: reader.choice(" or ".join(choices), choices)
        )
