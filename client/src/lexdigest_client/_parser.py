"""The ``lexdigest`` command line: its subcommands, options, help texts and exit codes.

``build_parser()`` is used by ``cli.main`` and by ``_completion`` (which derives the shell
completion scripts from it); each subcommand's arguments are one function.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from ._client import DEFAULT_TIMEOUT
from ._render import FORMATS

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
    from importlib import metadata  # ~15 ms of imports, paid by --version alone

    try:
        return metadata.version("lexdigest-client")
    except metadata.PackageNotFoundError:
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``: prints ``lexdigest <version>`` and exits; the version is looked up
    only then, not each time the parser is built."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS,
                 help: str = "show program's version number and exit") -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(f"lexdigest {_version()}", file=sys.stdout)
        parser.exit()


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
    p.add_argument("--version", action=_VersionAction)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_summarize_command, _stories_command, _batch_command, _health_command,
                _completion_command):
        add(sub)
    return p


def _summarize_command(sub: Any) -> None:
    """``lexdigest summarize PATH...``."""
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


def _stories_command(sub: Any) -> None:
    """``lexdigest stories PATH...``."""
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


def _batch_command(sub: Any) -> None:
    """``lexdigest batch FILE.jsonl``."""
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


def _health_command(sub: Any) -> None:
    """``lexdigest health``."""
    h = sub.add_parser("health", help="check that a server is serving",
                       formatter_class=_Formatter,
                       description="Print the server's health status; exit 0 when it is "
                       "SERVING, 3 otherwise.", epilog=EXIT_CODES)
    h.add_argument("--service", default="", help="service name to check (default: the server)")
    _add_connection(h)


def _completion_command(sub: Any) -> None:
    """``lexdigest completion SHELL``."""
    c = sub.add_parser("completion", help="print a shell completion script",
                       formatter_class=_Formatter,
                       description="Print a completion script for SHELL.",
                       epilog="install:\n  bash: eval \"$(lexdigest completion bash)\"   "
                       "(e.g. in ~/.bashrc)\n  zsh:  eval \"$(lexdigest completion zsh)\"    "
                       "(e.g. in ~/.zshrc)\n  fish: lexdigest completion fish > "
                       "~/.config/fish/completions/lexdigest.fish")
    c.add_argument("shell", choices=["bash", "zsh", "fish"])
