#!/usr/bin/env python3
"""Build Retold's pages and export from `seeds/` into `docs/`: see `python build.py --help`.

A thin wrapper over the `retold` package (in `plugins/`), usable before it is installed.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "plugins"))

from retold.cli import main

if __name__ == "__main__":
    sys.exit(main())
