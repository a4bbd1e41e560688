"""The ``lexdigest`` command: summarize files, split piles into stories, run JSONL batches,
check a server's health.

Exit codes: 0 ok, 2 usage error, 3 server unreachable or unavailable, 4 invalid input
(including the server's INVALID_ARGUMENT), 5 any other server error. Errors print as one line
(plus the server's field details); ``--verbose`` adds more.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sys
import traceback
from collections.abc import Iterator
from importlib import metadata
from typing import Any, TextIO

from ._client import DEFAULT_TARGET, DEFAULT_TIMEOUT, DigestClient
from ._errors import InvalidInputError, LexdigestError, UnavailableError
from ._inputs import cluster_line, read_documents, read_lines
from ._models import BatchResult
from ._progress import Progress
from ._render import FORMATS, render, render_stories

EXIT_OK, EXIT_USAGE, EXIT_UNAVAILABLE, EXIT_INVALID, EXIT_SERVER = 0, 2, 3, 4, 5
DEFAULT_CONNECT_TIMEOUT = 5.0

EXIT_CODES = """exit codes:
  0  success
  2  usage error (unknown option, missing argument)
  3  server unreachable or unavailable (also: at capacity)
  4  invalid input: unreadable file, bad JSON, or rejected by the server (INVALID_ARGUMENT)
  5  any other error (authentication, deadline, server failure)"""

ENVIRONMENT = """environment:
  LEXDIGEST_TARGET  server address used when --target is not given
  LEXDIGEST_TOKEN   bearer token used when --token is not given"""


def _version() -> str:
    try:
        return metadata.version("lexdigest-client")
    except metadata.PackageNotFoundError:
        return "unknown"


class _Formatter(argparse.HelpFormatter):
    """Wraps one-paragraph descriptions; keeps texts with line breaks (epilogs) as written."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30,
                         width=min(shutil.get_terminal_size().columns, 100))

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _add_connection(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("connection")
    g.add_argument("--target", default=os.environ.get("LEXDIGEST_TARGET"), metavar="ADDRESS",
                   help="server address HOST:PORT, dns:///name:port or ipv4:a:p,b:q "
                   "($LEXDIGEST_TARGET); without one, an embedded server is started when "
                   "lexdigest-server is installed (health checks localhost:50051 instead)")
    g.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="deadline of each call (default %(default)g)")
    g.add_argument("--connect-timeout", type=float, default=DEFAULT_CONNECT_TIMEOUT,
                   metavar="SECONDS",
                   help="give up when the server cannot be reached within this time "
                   "(default %(default)g)")
    g.add_argument("--token", default=os.environ.get("LEXDIGEST_TOKEN"),
                   help="bearer token ($LEXDIGEST_TOKEN)")
    g.add_argument("--tls", action="store_true", help="use TLS with the system's CAs")
    g.add_argument("--ca", metavar="PEM", help="CA bundle to verify the server (implies --tls)")
    g.add_argument("--cert", metavar="PEM", help="client certificate for mutual TLS")
    g.add_argument("--key", metavar="PEM", help="private key of --cert")
    g.add_argument("--server-name", metavar="NAME",
                   help="TLS name to verify instead of the target's host")
    g.add_argument("-v", "--verbose", action="store_true",
                   help="more detail on errors (status, transport detail, traceback)")


def _add_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("digest options")
    g.add_argument("--max-sentences", type=int, metavar="N", help="most sentences (default 5 "
                   "when no word or character budget is given)")
    g.add_argument("--max-words", type=int, metavar="N", help="most words (a hard cap)")
    g.add_argument("--max-chars", type=int, metavar="N", help="most characters (a hard cap)")
    g.add_argument("--query", help="favour sentences about this topic")
    g.add_argument("--language", metavar="CODE",
                   help="ISO 639-1 code of the documents (default: detected per document)")
    g.add_argument("--ordering", choices=["score", "chronological", "source"],
                   help="order of the digest sentences (default score)")
    g.add_argument("--max-similarity", type=float, metavar="X",
                   help="redundancy ceiling: cosine above which a sentence repeats another "
                   "(default 0.5; 1 disables)")
    g.add_argument("--min-sentence-words", type=int, metavar="N",
                   help="shortest selectable sentence (default 6)")
    g.add_argument("--max-sentence-words", type=int, metavar="N",
                   help="longest selectable sentence (default 80)")


def build_parser() -> argparse.ArgumentParser:
    """The ``lexdigest`` argument parser."""
    p = argparse.ArgumentParser(
        prog="lexdigest", formatter_class=_Formatter,
        description="Cited extractive digests of several documents about one story.",
        epilog=f"{EXIT_CODES}\n\n{ENVIRONMENT}\n\nRun 'lexdigest COMMAND --help' for a "
        "command's options.",
    )
    p.add_argument("--version", action="version", version=f"lexdigest {_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser(
        "summarize", help="digest files, folders, globs or stdin", formatter_class=_Formatter,
        description="Digest the documents in PATH... together: files (.txt .md .html .htm "
        ".json .jsonl), folders (read recursively), globs (quote them: 'news/*.html') and "
        "'-' for standard input. Each text, Markdown or HTML file is one document named by "
        "its file name; a JSON file holds one document, a list or {\"documents\": [...]}, a "
        "JSONL file one document per line, each {\"id\", \"title\", \"text\", \"url\", "
        "\"published_at\", \"source\"}. HTML pages are reduced to their article (needs "
        "pip install 'lexdigest-client[html]').",
        epilog=f"examples:\n  lexdigest summarize news/\n  lexdigest summarize a.html "
        f"b.html --format html -o digest.html\n  cat story.txt | lexdigest summarize - "
        f"--max-words 80\n  lexdigest summarize 'feeds/*.jsonl' --explain\n\n{EXIT_CODES}")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("-f", "--format", choices=FORMATS, default="text",
                   help="output format: text (default; wrapped on a terminal), markdown "
                   "(footnotes), json (the whole response) or html (one self-contained page)")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    s.add_argument("--title", help="heading of the html page (default: the query, or "
                   "'Digest of N documents')")
    s.add_argument("--explain", action="store_true",
                   help="also show every candidate sentence with its score, rank and why it "
                   "was kept or dropped")
    s.add_argument("--width", type=int, metavar="COLUMNS",
                   help="wrap text at COLUMNS (default: the terminal's width, no wrapping "
                   "when not a terminal; 0 disables)")
    s.add_argument("--stream", action="store_true",
                   help="send documents in chunks (SummarizeStream) for very large inputs")
    _add_options(s)
    _add_connection(s)

    t = sub.add_parser(
        "stories", help="split a pile of documents into stories, each with its digest",
        formatter_class=_Formatter,
        description="Group the documents in PATH... (as for summarize: files, folders, "
        "globs, '-', .jsonl with one document per line) into stories and digest each story "
        "alone. Every document lands in exactly one story; stories come largest first, then "
        "most recent. A document's date is its published_at, else one found in its text; "
        "each digest sentence shows the date of what it reports where that is known and "
        "changes. --format json prints the response as proto JSON with the proto's field "
        "names (stories[].document_ids, stories[].digest.sentences).",
        epilog=f"examples:\n  lexdigest stories feed/\n  lexdigest stories 'crawl/*.jsonl' "
        f"--max-words 80 --format html -o stories.html\n  lexdigest stories wire.jsonl "
        f"--granularity 0.7 --format json\n\n{EXIT_CODES}")
    t.add_argument("paths", nargs="+", metavar="PATH")
    t.add_argument("-f", "--format", choices=FORMATS, default="text",
                   help="output format: text (default), markdown, json (proto JSON of the "
                   "response) or html (one page)")
    t.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    t.add_argument("--title", help="heading of the markdown or html output (default "
                   "'Stories')")
    t.add_argument("--granularity", type=float, metavar="G",
                   help="0 to 1: lower merges related reports into broader stories, higher "
                   "splits them finer (default 0.5)")
    t.add_argument("--width", type=int, metavar="COLUMNS",
                   help="wrap text at COLUMNS (default: the terminal's width; 0 disables)")
    t.add_argument("--stream", action="store_true",
                   help="always send the pile in chunks (SummarizeStoriesStream); by default "
                   "only a pile too large for one message is streamed")
    _add_options(t)
    _add_connection(t)

    b = sub.add_parser(
        "batch", help="digest many clusters from JSONL", formatter_class=_Formatter,
        description="One cluster per input line: {\"id\", \"documents\": [{\"id\", \"title\", "
        "\"text\", ...} or \"text\", ...], \"query\"?, \"options\"?: {...}}. Writes one JSON "
        "line per cluster, in input order: {\"id\", \"summary\", \"digest\"} on success, "
        "{\"id\", \"error\": {\"code\", \"message\", \"field_violations\"}} on failure. A "
        "progress bar with rate and ETA goes to stderr when it is a terminal, and a one-line "
        "summary at the end. Exits non-zero when any cluster failed.",
        epilog=f"examples:\n  lexdigest batch clusters.jsonl -o digests.jsonl "
        f"--concurrency 8\n  zcat clusters.jsonl.gz | lexdigest batch - --max-words 100\n\n"
        f"{EXIT_CODES}")
    b.add_argument("file", metavar="FILE.jsonl", help="input file, or - for stdin")
    b.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    b.add_argument("-j", "--concurrency", type=int, default=4, metavar="N",
                   help="clusters in flight at once (default %(default)s)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    _add_options(b)
    _add_connection(b)

    h = sub.add_parser("health", help="check that a server is serving",
                       formatter_class=_Formatter,
                       description="Print the server's health status; exit 0 when it is "
                       "SERVING, 3 otherwise.", epilog=EXIT_CODES)
    h.add_argument("--service", default="", help="service name to check (default: the server)")
    _add_connection(h)

    c = sub.add_parser("completion", help="print a shell completion script",
                       formatter_class=_Formatter,
                       description="Print a completion script for SHELL.",
                       epilog="install:\n  bash: eval \"$(lexdigest completion bash)\"   "
                       "(e.g. in ~/.bashrc)\n  zsh:  eval \"$(lexdigest completion zsh)\"    "
                       "(e.g. in ~/.zshrc)\n  fish: lexdigest completion fish > "
                       "~/.config/fish/completions/lexdigest.fish")
    c.add_argument("shell", choices=["bash", "zsh", "fish"])
    return p


def _options(a: argparse.Namespace) -> dict[str, Any]:
    names = ["max_sentences", "max_words", "max_chars", "query", "language", "ordering",
             "max_similarity", "min_sentence_words", "max_sentence_words"]
    return {n: getattr(a, n) for n in names if getattr(a, n, None) is not None}


@contextlib.contextmanager
def _client(a: argparse.Namespace, embed: bool = True) -> Iterator[DigestClient]:
    """A client of ``--target``, or of an embedded server started for this command (of
    ``DEFAULT_TARGET`` instead when ``embed`` is false)."""
    with contextlib.ExitStack() as stack:
        target = a.target or (stack.enter_context(_embedded()) if embed else DEFAULT_TARGET)
        connect = a.connect_timeout if a.connect_timeout and a.connect_timeout > 0 else None
        client = DigestClient(target, timeout=a.timeout, connect_timeout=connect,
                              token=a.token, tls=a.tls, root_certificates=a.ca,
                              client_cert=a.cert, client_key=a.key, server_name=a.server_name)
        stack.callback(client.close)
        yield client


@contextlib.contextmanager
def _embedded() -> Iterator[str]:
    """The target of a server started in this process for one command (needs
    lexdigest-server); its only entry is ``lexdigest.serve.embedded``."""
    try:
        from lexdigest.serve import embedded  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise UnavailableError(
            "no server: pass --target HOST:PORT or set LEXDIGEST_TARGET "
            "(or pip install lexdigest-server to run one in this process)") from None
    with contextlib.ExitStack() as stack:
        try:
            target: str = stack.enter_context(embedded())
        except (OSError, RuntimeError) as exc:
            raise UnavailableError(f"cannot start the embedded server: {exc}") from None
        yield target


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        f = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    with f:
        yield f


def _where(err: LexdigestError, docs: list[dict[str, Any]]) -> LexdigestError:
    """Name the file behind ``documents[i]`` in the server's field violations."""
    if not err.field_violations:
        return err
    violations = []
    for v in err.field_violations:
        m = re.match(r"documents\[(\d+)\]", v.field)
        if m and int(m.group(1)) < len(docs):
            doc = docs[int(m.group(1))]
            origin = doc.get("path") or doc.get("id")
            if origin and origin != "-":
                v = type(v)(f"{v.field} ({origin})", v.description)
        violations.append(v)
    err.field_violations = tuple(violations)
    return err


def _default_title(a: argparse.Namespace, n_docs: int) -> str:
    if a.title:
        return str(a.title)
    if a.query:
        return f"Digest: {a.query}"
    return f"Digest of {n_docs} document{'s' if n_docs != 1 else ''}"


def _stdin_hint(uses_stdin: bool) -> None:
    if uses_stdin and sys.stdin.isatty():
        print("lexdigest: reading from standard input (end with Ctrl-D)", file=sys.stderr)


def cmd_summarize(a: argparse.Namespace) -> int:
    _stdin_hint("-" in a.paths)
    docs = read_documents(a.paths)
    if not docs:
        raise InvalidInputError("no documents to summarize")
    options = _options(a)
    if a.explain:
        options["explain"] = True
    with _client(a) as client:
        try:
            digest = (client.summarize_stream(docs, **options) if a.stream
                      else client.summarize(docs, **options))
        except LexdigestError as err:
            raise _where(err, docs) from None
    if a.width is not None:
        width = a.width or None
    else:
        to_tty = (not a.output or a.output == "-") and sys.stdout.isatty()
        width = min(shutil.get_terminal_size().columns, 100) if to_tty else None
    out_text = render(digest, a.format, width=width, title=_default_title(a, len(docs)),
                      explain=a.explain)
    with _output(a.output) as out:
        out.write(out_text)
    return EXIT_OK


def _width(a: argparse.Namespace) -> int | None:
    """The text width: ``--width`` (0: none), else the terminal's when writing to one."""
    if a.width is not None:
        return int(a.width) or None
    to_tty = (not a.output or a.output == "-") and sys.stdout.isatty()
    return min(shutil.get_terminal_size().columns, 100) if to_tty else None


def cmd_stories(a: argparse.Namespace) -> int:
    _stdin_hint("-" in a.paths)
    docs = read_documents(a.paths)
    if not docs:
        raise InvalidInputError("no documents to group into stories")
    with _client(a) as client:
        try:
            stories = client.stories(docs, granularity=a.granularity,
                                     stream=True if a.stream else None, **_options(a))
        except LexdigestError as err:
            raise _where(err, docs) from None
    out_text = render_stories(stories, a.format, width=_width(a), title=a.title)
    with _output(a.output) as out:
        out.write(out_text)
    return EXIT_OK


def cmd_batch(a: argparse.Namespace) -> int:
    if a.concurrency < 1:
        raise InvalidInputError("--concurrency must be at least 1")
    options = _options(a)
    where = "stdin" if a.file == "-" else a.file
    _stdin_hint(a.file == "-")
    lines = read_lines(a.file)
    parsed = [cluster_line(n, line, where) for n, line in lines]
    ids = [cid for cid, _ in parsed]
    # The server echoes cluster ids; keep them apart when the input repeats one.
    counts: dict[str, int] = {}
    for cid in ids:
        counts[cid] = counts.get(cid, 0) + 1
    keys = [cid if counts[cid] == 1 else f"{i}:{cid}" for i, cid in enumerate(ids)]
    results: dict[str, BatchResult] = {}
    for key, (_, value) in zip(keys, parsed, strict=True):
        if isinstance(value, LexdigestError):
            results[key] = BatchResult(key, error=value)
    progress = Progress(len(parsed), sys.stderr.isatty() and not a.no_progress, sys.stderr)
    worst = EXIT_OK
    next_index = 0

    def flush(out: TextIO) -> None:
        nonlocal next_index, worst
        while next_index < len(keys) and keys[next_index] in results:
            r = results.pop(keys[next_index])
            out.write(json.dumps(r.to_line(ids[next_index]), ensure_ascii=False) + "\n")
            if r.error is not None:
                worst = max(worst, r.error.exit_code)
            next_index += 1
        out.flush()

    for _ in results:
        progress.tick(True)
    todo = [(key, value["documents"], value["options"])
            for key, (_, value) in zip(keys, parsed, strict=True)
            if not isinstance(value, LexdigestError)]
    try:
        with _output(a.output) as out:
            flush(out)
            if todo:
                with _client(a) as client:
                    for result in client.summarize_batch(todo, max_in_flight=a.concurrency,
                                                         **options):
                        results[result.cluster_id] = result
                        progress.tick(result.error is not None)
                        flush(out)
            flush(out)
    except BaseException:
        progress.abort()
        raise
    progress.finish()
    return worst


def cmd_health(a: argparse.Namespace) -> int:
    # Never an embedded server: a check that starts what it checks could never fail. The
    # server checked is --target, else LEXDIGEST_TARGET (the option's default), else the
    # client's default address.
    with _client(a, embed=False) as client:
        status = client.health(a.service, timeout=a.timeout)
    print(status)
    return EXIT_OK if status == "SERVING" else EXIT_UNAVAILABLE


def cmd_completion(a: argparse.Namespace) -> int:
    from ._completion import script

    sys.stdout.write(script(a.shell, build_parser()))
    return EXIT_OK


def _report(exc: LexdigestError, verbose: bool) -> None:
    """One line (plus one per field at fault; more with ``verbose``) on stderr."""
    message = exc.message
    violations = exc.field_violations
    if violations and any(v.description in message for v in violations):
        # The server's message repeats its violations; the lines below say it better.
        message = message.split(":", 1)[0] if ":" in message else message
    print(f"lexdigest: error: {message}", file=sys.stderr)
    for v in violations:
        print(f"  {v.field}: {v.description}", file=sys.stderr)
    if verbose:
        if exc.code is not None:
            print(f"  status: {exc.code.name}", file=sys.stderr)
        if exc.debug:
            print(f"  detail: {exc.debug}", file=sys.stderr)


# Request fields the user sets with a flag of this command line: a violation of one names the
# flag typed ("--max-sentences"), not the proto field ("options.max_sentences").
_FLAG_OF_FIELD = {f"options.{name}": f"--{name.replace('_', '-')}" for name in (
    "max_sentences", "max_words", "max_chars", "query", "language", "ordering",
    "max_similarity", "min_sentence_words", "max_sentence_words")} | {
    "granularity": "--granularity"}


def _as_flags(exc: LexdigestError) -> LexdigestError:
    """``exc`` with each violation of a flag's field named by the flag, in its lines and
    its message."""
    if not exc.field_violations:
        return exc
    violations = []
    for v in exc.field_violations:
        field = re.sub(r"^(?:requests?\[\d+\]\.)?", "", v.field)
        flag = _FLAG_OF_FIELD.get(field)
        violations.append(type(v)(flag, v.description) if flag else v)
    exc.field_violations = tuple(violations)
    for field, flag in _FLAG_OF_FIELD.items():
        exc.message = re.sub(rf"(?<![\w.]){re.escape(field)}\b", flag, exc.message)
    return exc


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``lexdigest``; returns the exit code."""
    parser = build_parser()
    a = parser.parse_args(argv)
    if a.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    handler = {"summarize": cmd_summarize, "stories": cmd_stories, "batch": cmd_batch,
               "health": cmd_health, "completion": cmd_completion}[a.command]
    verbose = bool(getattr(a, "verbose", False))
    try:
        return handler(a)
    except LexdigestError as exc:
        _report(_as_flags(exc), verbose)
        return exc.exit_code
    except KeyboardInterrupt:
        print("lexdigest: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``); say nothing more.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except Exception as exc:  # a bug or an unforeseen failure: one line, never a traceback
        text = str(exc).splitlines()[0] if str(exc) else ""
        print(f"lexdigest: error: unexpected {type(exc).__name__}"
              + (f": {text}" if text else "")
              + ("" if verbose else " (--verbose shows the traceback)"), file=sys.stderr)
        if verbose:
            traceback.print_exc(file=sys.stderr)
        return EXIT_SERVER


if __name__ == "__main__":
    sys.exit(main())
