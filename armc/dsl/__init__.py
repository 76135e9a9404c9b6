"""The armc DSL front-end: `.armc` text -> IR -> passes -> template model.

Public API:
    compile_file(path, sources) -> Template
    compile_source(text, filename, sources=None) -> Template
Both compile functions raise `CompileError` carrying every diagnostic found, sorted.
"""

from __future__ import annotations

from pathlib import Path

from armc.diagnostics import CompileError, Diagnostics, Severity
from armc.dsl.codes import report
from armc.dsl.compiler import compile_module
from armc.dsl.modules import ModuleLoader, merge
from armc.model.template import Template
from armc.perf import paused_gc
from armc.source import SourceFile, SourceRegistry, Span

__all__ = ["compile_file", "compile_source"]


def _compile(source: SourceFile, sources: SourceRegistry) -> Template:
    with paused_gc():
        try:
            return _compile_unpaused(source, sources)
        except RecursionError:
            # thousands of nested operators: input no reasonable program has, not a bug
            diagnostics = Diagnostics()
            report(
                diagnostics,
                "DSL311",
                "an expression is nested too deeply to compile",
                Span.point(source.path, 1, 1),
                hint="split it into variables",
            )
            raise CompileError(diagnostics.items) from None


def _compile_unpaused(source: SourceFile, sources: SourceRegistry) -> Template:
    diagnostics = Diagnostics()
    loader = ModuleLoader(sources, diagnostics)
    modules = loader.load_source(source, str(Path(source.path).resolve()))
    if diagnostics.has_errors and not modules:
        raise CompileError(diagnostics.sorted())
    module = merge(source.path, modules)
    template = compile_module(module, diagnostics, syntax_ok=not diagnostics.has_errors)
    if diagnostics.has_errors or template is None:
        unique = dict.fromkeys(d for d in diagnostics.sorted() if d.severity is Severity.ERROR)
        raise CompileError(unique)
    return template


def compile_file(path: str | Path, sources: SourceRegistry) -> Template:
    """Compile a `.armc` file (and its imports) into a Template; raises CompileError."""
    try:
        source = SourceFile.read(path)
    except UnicodeDecodeError as error:
        diagnostics = Diagnostics()
        before = error.object[: error.start].decode("utf-8-sig", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        byte = error.object[error.start]
        message = f"invalid UTF-8: byte 0x{byte:02x} cannot start or continue a character"
        span = Span.point(str(path), line, column)
        report(diagnostics, "DSL111", message, span, hint="save the file as UTF-8")
        raise CompileError(diagnostics.items) from None
    except (OSError, ValueError) as error:
        diagnostics = Diagnostics()
        report(diagnostics, "DSL111", f"cannot read {path}: {error}", None)
        raise CompileError(diagnostics.items) from None
    return _compile(source, sources)


def compile_source(text: str, filename: str, sources: SourceRegistry | None = None) -> Template:
    """Compile DSL text; `filename` names it in spans and resolves its imports."""
    return _compile(SourceFile(filename, text), sources or SourceRegistry())
