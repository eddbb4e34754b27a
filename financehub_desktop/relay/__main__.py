"""``python -m financehub_desktop.relay``: the relay without the app's CLI (a server needs only its own imports).

Same flags as ``financehub relay``; on a server this avoids importing the desktop app's configuration modules.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from financehub_desktop import __version__
from financehub_desktop.relay.cli import DESCRIPTION, configure_parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m financehub_desktop.relay", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"financehub-relay {__version__}")
    configure_parser(parser)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
