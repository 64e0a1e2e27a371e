"""`python -m abigen` runs the CLI."""

from abigen.cli import main

main()
