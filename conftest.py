"""Repository-level pytest configuration."""

# `python -m speciosa` runs the CLI on import; doctest collection must not import it.
collect_ignore = ["src/speciosa/__main__.py"]
