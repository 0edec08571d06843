"""``python -m lawcode``: the same as the ``lawcode`` command."""

import sys

from lawcode.cli import main

sys.exit(main())
