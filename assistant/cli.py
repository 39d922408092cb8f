"""Command line: ``assistant ingest | remove | ask | search``, and ``eval`` when the evals package is installed.
Thin: parse arguments, call the core, print."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import AssistantError, DocumentError


def main(argv: list[str] | None = None) -> int:
    return run(_parser(), argv)


def run(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> int:
    """Parse ``argv`` with ``parser`` and run the command; an error the user can act on is one line, exit 1."""
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`assistant ask … | head`): stop quietly, as Unix tools do
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush does not fail on the closed pipe again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Ask questions of research findings.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="index the corpus folder, after copying in the files given")
    ingest.add_argument("paths", nargs="*", type=Path,
                        help="report files to add or update (.txt .md .tex .pdf .docx .html .vtt .srt); they are "
                             "copied into the corpus folder, which the index mirrors")
    ingest.add_argument("--pattern", default=None,
                        help="how the files given attribute quotes, as a regular expression with a named group "
                             "`code` (kept in the corpus folder's patterns.json); '' forgets it")
    ingest.set_defaults(run=_ingest)

    remove = commands.add_parser("remove", help="delete a report from the corpus folder and the index")
    remove.add_argument("name", help="its file name, as `assistant ingest` printed it")
    remove.set_defaults(run=_remove)

    ask = commands.add_parser("ask", help="answer a question with cited evidence")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the whole answer as JSON")
    ask.add_argument("--group", help="only respondents of this group, as the reports name it")
    ask.add_argument("--area", help="only respondents of this site or area, as the reports name it")
    ask.add_argument("--respondent", help="a respondent code, as the reports write it")
    ask.add_argument("--document", help="only this report (its file name)")
    ask.set_defaults(run=_ask)

    search = commands.add_parser("search", help="show the ranked passages for a question")
    search.add_argument("question")
    search.add_argument("--top", type=int, default=8)
    search.set_defaults(run=_search)

    for command in _plugged_in_commands():  # e.g. `assistant eval`, from the evals package when installed
        command.load()(commands)
    return parser


def _assistant():
    from .answers.pipeline import Assistant

    return Assistant.from_settings(progress=_Progress())


class _Progress:
    """Ingest progress on one terminal line: the document being embedded, passages done of all to do, time left."""

    def __init__(self) -> None:
        import time

        self.began = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        from .presentation.progress import eta_text

        print(f"\r\033[K{stage}: {done}/{total} passages stored{eta_text(self.began, done, total)}",
              end="\n" if done >= total else "", file=sys.stderr, flush=True)


def _ingest(args) -> int:
    from .documents.library import add_paths, set_pattern
    from .settings import load_settings

    settings = load_settings()
    refused: dict[str, str] = {}
    if args.pattern is not None and not args.paths:
        raise DocumentError("--pattern applies to the files given: name them, e.g. `assistant ingest report.pdf "
                            "--pattern '\\[(?P<code>R\\d+)\\]'`.")
    if args.paths:
        added = add_paths(settings, args.paths)
        refused = added.refused
        for document in added.added:
            print(f"copied into {settings.corpus_dir}: {document.source}")  # (what its reader noted: warned of below)
            if args.pattern is not None:
                set_pattern(settings, document.source, args.pattern or None)
        if not added.added:
            for problem in refused.values():
                print(f"refused: {problem}", file=sys.stderr)
            raise DocumentError("No file was added; the index is unchanged.")
    index, report, problems = _sync(settings)
    for label, counts in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        for source, count in counts.items():
            print(f"{label}: {source} ({count} passages)")
    for source, summary in report.summaries.items():
        print(f"  {source}: {summary.line()}")
        for warning in summary.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    for source in report.unchanged:
        print(f"unchanged: {source}")
    for problem in refused.values():
        print(f"refused: {problem}", file=sys.stderr)
    for problem in problems.values():  # in the folder already: reported, kept as indexed, not fatal
        print(f"skipped: {problem}", file=sys.stderr)
    print(f"index: {index.count()} passages")
    return 1 if refused else 0


def _remove(args) -> int:
    from .documents.library import remove_file
    from .settings import load_settings

    settings = load_settings()
    remove_file(settings, args.name)
    index, report, _ = _sync(settings)
    for source, count in report.removed.items():
        print(f"removed: {source} ({count} passages)")
    print(f"index: {index.count()} passages")
    return 0


def _sync(settings):
    """The index brought in step with the corpus folder: (index, SyncReport, {file: problem})."""
    from .search.embedding import Embedder
    from .search.index import PassageIndex
    from .answers.pipeline import sync_corpus

    index = PassageIndex(settings, Embedder.for_ingest(settings))
    report, problems = sync_corpus(index, settings, progress=_Progress())
    return index, report, problems


def _ask(args) -> int:
    from .presentation.render import filters_summary

    answer = _assistant().ask(args.question, group=args.group, area=args.area, respondent=args.respondent,
                              document=args.document)
    if args.json:
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(answer.answer)
    if summary := filters_summary(answer.filters, answer.filter_origin):  # as the chat and exports say it
        print(f"\n{summary}")
    return 0


def _search(args) -> int:
    assistant = _assistant()
    from .answers.query import parse_question

    parsed = parse_question(args.question, assistant.directory)
    for rank, item in enumerate(assistant.retriever.retrieve(args.question, parsed.filters, args.top), 1):
        text = item.passage.text.replace("\n", " ")
        print(f"{rank:2d}. {item.score:.4f} [{item.passage.label}] {text[:160]}")
    return 0


def _plugged_in_commands():
    """Commands other installed packages add (entry points of group ``assistant.commands``: a function given the
    subcommands to add its own to), so that the core does not import them."""
    from importlib.metadata import entry_points

    return sorted(entry_points(group="assistant.commands"), key=lambda point: point.name)


if __name__ == "__main__":
    sys.exit(main())
