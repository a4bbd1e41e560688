"""The ``lexdigest`` command: summarize files, split piles into stories, run JSONL batches,
check a server's health.

Exit codes: 0 ok, 2 usage error, 3 server unreachable or unavailable, 4 invalid input
(including the server's INVALID_ARGUMENT), 5 any other server error. Errors print as one line
(plus the server's field details); ``--verbose`` adds more.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import re
import shutil
import sys
import traceback
from collections.abc import Iterator
from typing import Any, TextIO

from ._client import DEFAULT_TARGET, DigestClient
from ._errors import InvalidInputError, LexdigestError, UnavailableError
from ._inputs import cluster_line, read_documents, read_lines
from ._models import BatchResult
from ._parser import build_parser
from ._progress import Progress
from ._render import render, render_stories

EXIT_OK, EXIT_USAGE, EXIT_UNAVAILABLE, EXIT_INVALID, EXIT_SERVER = 0, 2, 3, 4, 5
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
        if not a.target and embed:
            connect = None  # no reachability probe: the embedded server is up and SERVING
        client = DigestClient(target, timeout=a.timeout, connect_timeout=connect,
                              token=a.token, tls=a.tls, root_certificates=a.ca,
                              client_cert=a.cert, client_key=a.key, server_name=a.server_name)
        stack.callback(client.close)
        yield client


@contextlib.contextmanager
def _embedded() -> Iterator[str]:
    """The target of a server started in this process for one command (needs
    lexdigest-server); its only entry is ``lexdigest.serve.embedded``."""
    with contextlib.ExitStack() as stack:
        with _start_up():
            # This process is the command's: its engine runs one BLAS thread, as lexdigest-server's
            # do (lexdigest.serve.server.one_blas_thread says why), unless the caller chose.
            for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ.setdefault(name, "1")
            try:
                from lexdigest.serve import embedded  # type: ignore[import-not-found,unused-ignore]
            except ImportError:
                raise UnavailableError(
                    "no server: pass --target HOST:PORT or set LEXDIGEST_TARGET "
                    "(or pip install lexdigest-server to run one in this process)") from None
            try:
                target: str = stack.enter_context(embedded())
            except (OSError, RuntimeError) as exc:
                raise UnavailableError(f"cannot start the embedded server: {exc}") from None
        yield target


@contextlib.contextmanager
def _start_up() -> Iterator[None]:
    """The embedded server's start, without the garbage collector's passes over it.

    The start imports the engine and gRPC's server: some 50,000 objects that live as long as
    this process. Collections during those imports only walk them again and again (~40% of
    the collector's time in a one-shot run is spent there), and so does the collection at
    exit. So the collector pauses while the server starts, and then freezes what exists
    (``gc.freeze``: no later collection walks it); the command's own work is collected as
    usual. The command owns its process, so this is its choice, not the server's.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


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
                    failed: list[tuple[str, LexdigestError]] = []
                    try:
                        for result in client.summarize_batch(todo, max_in_flight=a.concurrency,
                                                             **options):
                            results[result.cluster_id] = result
                            if result.error is not None:
                                failed.append((result.cluster_id, result.error))
                            progress.tick(result.error is not None)
                            flush(out)
                    except UnavailableError as stopped:
                        # The server stopped taking clusters (it answered every one it took):
                        # the client gave the clusters it had sent the error (``not_taken``);
                        # each one never sent gets a line saying it was not taken.
                        sent = [k for k, e in failed if e is stopped]
                        unsent = [k for k in keys[next_index:] if k not in results]
                        lost = {*sent, *unsent}
                        missing = [k for k in keys if k in lost]
                        for key in unsent:
                            results[key] = BatchResult(key, error=UnavailableError(
                                f"not taken: {stopped.message}", stopped.code))
                        flush(out)
                        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
                        raise UnavailableError(
                            f"the server stopped before taking {len(missing)} of {len(keys)} "
                            f"clusters ({shown}); their lines say 'not taken': send them "
                            "again", stopped.code) from None
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
