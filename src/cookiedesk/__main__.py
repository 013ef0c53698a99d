"""`python -m cookiedesk` behaves exactly like the `cookiedesk` command."""

import sys

from cookiedesk.cli import main

sys.exit(main())
