"""Legal status of kratom on a date, and product compliance.

- :func:`legal_status`: status in a jurisdiction on a date; a locality inherits its state's and
  country's law and the strictest status applies;
- :func:`legal_changes`: dated changes of law in a window;
- :func:`comply`: checks a product file (certificate of analysis and label) against every rule in
  force where it is sold, plus adulteration, potency and contaminant checks.

See docs/legal.md.
"""

from speciosa.knowledge import iso_name as iso_name
from speciosa.legal._adulteration import product_classes as product_classes
from speciosa.legal._adulteration import seven_oh_share as seven_oh_share
from speciosa.legal._changes import LegalChange as LegalChange
from speciosa.legal._changes import legal_changes as legal_changes
from speciosa.legal._codes import Place as Place
from speciosa.legal._codes import resolve_place as resolve_place
from speciosa.legal._comply import Compliance as Compliance
from speciosa.legal._comply import comply as comply
from speciosa.legal._finding import Finding as Finding
from speciosa.legal._product import Contaminants as Contaminants
from speciosa.legal._product import Label as Label
from speciosa.legal._product import ProductFile as ProductFile
from speciosa.legal._product import read_product as read_product
from speciosa.legal._status import LegalStatus as LegalStatus
from speciosa.legal._status import LevelStatus as LevelStatus
from speciosa.legal._status import legal_status as legal_status

__all__ = [
    "Compliance",
    "Contaminants",
    "Finding",
    "Label",
    "LegalChange",
    "LegalStatus",
    "LevelStatus",
    "Place",
    "ProductFile",
    "comply",
    "iso_name",
    "legal_changes",
    "legal_status",
    "product_classes",
    "read_product",
    "resolve_place",
    "seven_oh_share",
]
