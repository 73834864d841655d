"""`python -m tui` does what the `kabar` command does."""

import sys

from tui.cli import main

sys.exit(main())
