"""`python -m nlp`: runs the command line in nlp.cli."""

import sys

from nlp.cli import main

sys.exit(main())
