"""speciosa: kratom (Mitragyna speciosa) claims answered with numbers and sources.

Layers, lowest first (a layer never imports a higher one; see ``layers.toml``):
knowledge (``units``, ``errors``, ``knowledge``) < pharmacology < apps < interfaces (``cli``).
"""

__version__ = "0.8.0"

__all__ = ["__version__"]
