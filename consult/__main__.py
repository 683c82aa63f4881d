"""`python -m consult` runs the consult command."""

from consult.cli import main

main()
