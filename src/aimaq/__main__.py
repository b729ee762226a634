"""`python -m aimaq`: the same command as `aimaq`."""

import sys

from aimaq.cli import main

sys.exit(main())
