"""Linting one file, as `armc lint` does it for each file it finds (possibly in a worker
process): load (ARM JSON with its parameters, or DSL), the front-end's own checks, the
dependency graph, then the rules. Everything here is picklable."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from armc.analysis.cycles import may_have_cycle
from armc.analysis.pipeline import FileReport
from armc.config import Config
from armc.diagnostics import CompileError, Diagnostic, Severity
from armc.paths import resolved
from armc.perf import paused_gc
from armc.source import SourceFile, SourceRegistry, Span

if TYPE_CHECKING:
    from armc.arm.loaded import LoadedTemplate
    from armc.arm.reader import JsonDocument


@dataclass(frozen=True)
class LintJob:
    """One file to lint.

    `named` files were given on the command line: a file that is not a usable template is an
    input error (exit 2). Files found by walking a directory are linted only when they are
    templates; other JSON is skipped quietly, and `x.parameters.json` beside `x.json` is
    checked against it without being used for evaluation (such files often hold placeholders).
    """

    path: Path
    named: bool
    root: Path
    config: Config
    parameters_file: Path | None = None
    params: tuple[str, ...] = ()
    sources: bool = True
    """Whether the report carries the source texts (code frames of the text format need them;
    the other formats do not, and a worker then sends back kilobytes, not the whole file)."""


@dataclass(frozen=True)
class LintOutcome:
    report: FileReport | None
    """None: the file is not a template (skipped)."""
    input_error: bool = False


def prepare_workers() -> None:
    """Import what `lint_file` needs before worker processes are forked (each would import
    it again otherwise: the ARM loader and the expression evaluator)."""
    import armc.analysis.run
    import armc.analysis.secrets
    import armc.arm.loader
    import armc.arm.parameters  # noqa: F401


def lint_file(job: LintJob) -> LintOutcome:
    with paused_gc():
        outcome = _lint_dsl(job) if job.path.suffix == ".armc" else _lint_json(job)
    if job.sources or outcome.report is None:
        return outcome
    report = dataclasses.replace(outcome.report, source=None, secrets=(), other_sources=())
    return dataclasses.replace(outcome, report=report)


def _lint_dsl(job: LintJob) -> LintOutcome:
    from armc.analysis.dsl_values import evaluate_dsl
    from armc.analysis.run import analyse
    from armc.analysis.secrets import dsl_secret_spans, secret_spans
    from armc.dsl import compile_file
    from armc.model.graph import build_graph, cycle_diagnostics

    sources = SourceRegistry()
    display = str(job.path)
    try:
        template = compile_file(job.path, sources)
    except CompileError as error:
        masked = tuple(span for _, src in sources.items() for span in dsl_secret_spans(src))
        report = _report(display, error.diagnostics, sources, masked)
        return LintOutcome(report, input_error=job.named)
    diagnostics = []
    if may_have_cycle(template):  # else no cycle to report: no graph to build
        diagnostics += cycle_diagnostics(template, build_graph(template))
    source = sources.get(display)
    text = source.text if source is not None else None
    values = None
    evaluation = None
    if source is not None:
        evaluation = evaluate_dsl(
            template,
            source,
            parameters_file=job.parameters_file,
            params=job.params,
            root=_resolved(job.root),
        )
        if evaluation is not None:
            values = evaluation.values
            diagnostics += evaluation.diagnostics
    diagnostics += analyse(template, values=values, source_text=text, config=job.config)
    secrets = list(secret_spans(template))
    if job.parameters_file is not None and job.parameters_file.is_file():
        from armc.analysis.secrets import parameters_file_secret_spans

        loaded = evaluation.loaded if evaluation is not None else None
        extra = _parameters_document(loaded, job.parameters_file)
        sources.add(extra.source)
        secrets += parameters_file_secret_spans(template, extra.value, extra.span)
    return LintOutcome(_report(display, diagnostics, sources, tuple(secrets)))


def _lint_json(job: LintJob) -> LintOutcome:
    from armc.analysis.context import AdaptedValues
    from armc.analysis.run import analyse
    from armc.analysis.secrets import parameters_file_secret_spans, secret_spans
    from armc.arm import codes
    from armc.arm.loader import LoadOptions, is_template_document, load_document
    from armc.arm.parameters import is_parameters_document
    from armc.arm.reader import read_file
    from armc.arm.redaction import redact_unparsed, unparsed_value_spans
    from armc.arm.values import Unknown

    display = str(job.path)
    document = read_file(job.path, display)
    sources = SourceRegistry()
    sources.add(document.source)
    if not document.ok:
        if job.named or "deploymenttemplate" in document.source.text[:4096].lower():
            # a broken template is a finding; other broken JSON is not ours to judge
            return LintOutcome(_report(display, document.diagnostics, sources), job.named)
        return LintOutcome(None)
    value = document.value
    if not is_template_document(value):
        loose = isinstance(value, dict) and "resources" in value and job.named
        if not loose:
            if not job.named:
                return LintOutcome(None)
            if is_parameters_document(value):
                message = f"{display} is a parameters file: pass it with --parameters"
            else:
                message = f"{display} is not an ARM template (no deploymentTemplate $schema)"
            error = codes.make(codes.INPUT_ERROR, Severity.ERROR, message)
            return LintOutcome(_report(display, [error], sources), input_error=True)
    paired = None
    if not job.named and job.parameters_file is None:
        sibling = job.path.with_name(job.path.stem + ".parameters.json")
        paired = sibling if sibling.is_file() else None
    options = LoadOptions(
        parameters_file=job.parameters_file,
        params=job.params,
        root=_resolved(job.root),
        check_parameters_file=paired,
    )
    loaded = load_document(document, options, base_dir=_base_dir(job.path))
    loaded.evaluate_all()
    for source in loaded.sources:
        sources.add(source)
    secrets = list(secret_spans(loaded.template))
    unparsed: list[SourceFile] = []
    for extra in (job.parameters_file, paired):  # (`paired` is a file: tested above)
        if extra is not None and (extra is paired or extra.is_file()):
            extra_document = _parameters_document(loaded, extra)
            sources.add(extra_document.source)
            secrets += parameters_file_secret_spans(
                loaded.template, extra_document.value, extra_document.span
            )
            if not extra_document.ok and any(p.secure for p in loaded.template.parameters.values()):
                # no path says which value is secure: a code frame must show none of them
                secrets += unparsed_value_spans(extra_document.source)
                unparsed.append(extra_document.source)
    diagnostics = list(loaded.diagnostics)
    for source in unparsed:
        diagnostics = redact_unparsed(diagnostics, source)
    if loaded.ok:
        if may_have_cycle(loaded.template):  # else no cycle to report: no graph to build
            diagnostics += loaded.cycle_diagnostics()
        values = AdaptedValues(loaded, lambda v: isinstance(v, Unknown))
        diagnostics += analyse(loaded.template, values=values, config=job.config)
    unreadable = {codes.JSON_SYNTAX.code, codes.INVALID_ENCODING.code, codes.NOT_AN_OBJECT.code}
    unreadable.add(codes.UNREADABLE_FILE.code)
    named = str(job.parameters_file)
    bad_parameters = job.parameters_file is not None and any(
        d.code in unreadable and d.span is not None and d.span.file == named for d in diagnostics
    )  # like a named template that is not JSON: an input error (exit 2)
    report = _report(display, diagnostics, sources, tuple(secrets))
    return LintOutcome(report, bad_parameters)


def _resolved(path: Path) -> Path:
    """`path.resolve()`, once per directory of a run (every job shares the root)."""
    return _resolved_dir(str(path))


def _base_dir(path: Path) -> Path:
    """The resolved directory of a template (of its target when it is a symbolic link)."""
    text = str(path)
    if os.path.islink(text):
        return path.resolve().parent
    return _resolved_dir(os.path.dirname(text))


_RESOLVED: dict[str, Path] = {}
"""Resolutions by absolute path text, for the run (bounded: a process may lint many runs)."""


def _resolved_dir(directory: str) -> Path:
    """A directory resolved through `armc.paths.resolved`, made absolute first (no `..`
    folded: a link before it would change where it goes)."""
    if len(_RESOLVED) > 4096:
        _RESOLVED.clear()
    return resolved(os.path.join(os.getcwd(), directory), _RESOLVED)


def _parameters_document(loaded: LoadedTemplate | None, path: Path) -> JsonDocument:
    """The parameters file as loading read it (no second read), or read now."""
    kept = loaded.parameter_documents.get(str(path)) if loaded is not None else None
    if kept is not None:
        return kept
    from armc.arm.reader import read_file

    return read_file(path, str(path))


def _report(
    path: str,
    diagnostics: list[Diagnostic],
    sources: SourceRegistry,
    secrets: tuple[Span, ...] = (),
) -> FileReport:
    unique: dict[tuple[object, ...], Diagnostic] = {}
    for item in diagnostics:
        unique.setdefault((item.code, item.span, item.message), item)
    ordered = tuple(sorted(unique.values(), key=Diagnostic.sort_key))
    own = sources.get(path)
    others = tuple(s for p, s in sorted(sources.items()) if p != path)
    return FileReport(path, ordered, own, secrets, others)
