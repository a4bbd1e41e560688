"""The ``lexdigest-server`` command: configuration in, a running server, exit 0 on SIGTERM."""

from __future__ import annotations

import logging
import sys

from .config import from_args, warnings
from .observe import setup_logging
from .server import install_signal_handlers, one_blas_thread, start

log = logging.getLogger("lexdigest.server")


def main(argv: list[str] | None = None) -> int:
    """Run the server until SIGTERM or SIGINT, then drain and return 0."""
    one_blas_thread()
    config = from_args(argv)
    setup_logging(config.log_level, config.log_format)
    for warning in warnings(config):
        log.warning("%s", warning)
    try:
        running = start(config)
    except (OSError, RuntimeError) as exc:
        print(f"lexdigest-server: cannot start: {exc}", file=sys.stderr)
        return 1
    done = install_signal_handlers(running)
    while not done.wait(0.5):
        pass
    log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
