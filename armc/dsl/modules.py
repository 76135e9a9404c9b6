"""Read a program and the files it imports; merge them into one `Module`.

Imports are resolved relative to the importing file; each file is read once (a file imported
twice through different paths contributes its declarations once); a cycle is DSL203 with a
related location per import on the cycle; a missing file is DSL204 at the import."""

from __future__ import annotations

from pathlib import Path

from armc.diagnostics import CompileError, Diagnostics, Related
from armc.dsl import ir
from armc.dsl.codes import report
from armc.dsl.declarations import build_module
from armc.dsl.parser import parse_program
from armc.source import SourceFile, SourceRegistry, Span


class ModuleLoader:
    def __init__(self, sources: SourceRegistry, diagnostics: Diagnostics) -> None:
        self.sources = sources
        self.diagnostics = diagnostics
        self._done: dict[str, ir.Module] = {}
        self._stack: list[tuple[str, Span | None]] = []

    def load_source(self, source: SourceFile, key: str) -> list[ir.Module]:
        """The modules of `source` and of everything it imports, imports first."""
        self.sources.add(source)
        try:
            program = parse_program(source)
        except CompileError as error:
            self.diagnostics.extend(error.diagnostics)
            return []
        self._stack.append((key, None))
        modules: list[ir.Module] = []
        base = Path(source.path).parent
        for statement in program.statements:
            if isinstance(statement, ir.ImportDecl):
                self._stack[-1] = (key, statement.span)
                modules.extend(self._import(base / statement.path, statement))
        self._stack.pop()
        module = build_module(program, self.diagnostics)
        self._done[key] = module
        modules.append(module)
        return modules

    def _import(self, path: Path, statement: ir.ImportDecl) -> list[ir.Module]:
        if path.suffix != ".armc":
            # never read (and quote in a code frame) another kind of file: /etc/passwd, a key
            return self._unreadable(statement, "only .armc files can be imported")
        try:
            key = str(path.resolve())
        except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a NUL byte
            return self._unreadable(statement, error)
        active = [k for k, _ in self._stack]
        if key in active:
            start = active.index(key)
            cycle = self._stack[start:]
            chain = " -> ".join(Path(k).name for k, _ in cycle) + f" -> {Path(key).name}"
            report(
                self.diagnostics,
                "DSL203",
                f"import cycle: {chain}",
                statement.span,
                related=[Related(span, "imported here") for _, span in cycle[:-1] if span],
            )
            return []
        if key in self._done:
            return []
        try:
            irregular = path.exists() and not path.is_file()  # a folder, a FIFO (a read blocks)
        except OSError as error:  # a name too long
            return self._unreadable(statement, error)
        if irregular:
            return self._unreadable(statement, "not a regular file")
        try:
            source = SourceFile.read(path, display=str(path))
        except FileNotFoundError:
            report(
                self.diagnostics,
                "DSL204",
                f"cannot find imported file '{statement.path}'",
                statement.span,
                hint=f"looked for {path}",
            )
            return []
        except (OSError, UnicodeDecodeError) as error:
            return self._unreadable(statement, error)
        return self.load_source(source, key)

    def _unreadable(self, statement: ir.ImportDecl, why: object) -> list[ir.Module]:
        message = f"cannot read imported file '{statement.path}': {why}"
        report(self.diagnostics, "DSL111", message, statement.span)
        return []


def merge(file: str, modules: list[ir.Module]) -> ir.Module:
    """One module: declarations in import order, the root's location and tags win."""
    root = modules[-1] if modules else ir.Module(file)
    location = root.location
    tags = root.tags
    for module in modules:
        location = location or module.location
        tags = tags or module.tags
    return ir.Module(
        file=file,
        params=tuple(p for m in modules for p in m.params),
        variables=tuple(v for m in modules for v in m.variables),
        outputs=tuple(o for m in modules for o in m.outputs),
        declarations=tuple(d for m in modules for d in m.declarations),
        location=location,
        tags=tags,
    )
