#!/usr/bin/env python
"""Run Django management commands from a source checkout."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from migralocal.__main__ import main

if __name__ == "__main__":
    main()
