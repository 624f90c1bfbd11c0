"""``python -m speciosa`` runs the CLI."""

from speciosa.cli import run

run()
