"""The bundled sentence-embedding model: WordLlama, whose weights ship inside its wheel.

WordLlama (``wordllama`` on PyPI, MIT licence) is a static word-embedding model: token
embeddings distilled from large language models, averaged over a sentence. Its 256-dimensional
``l2_supercat`` weights (16 MB) and tokenizer are files inside the installed package, so nothing is
downloaded at run time. WordLlama's own loader looks for the tokenizer in a misnamed folder and
then tries Hugging Face; speciosa points it at the package folder with downloads disabled, so a
missing file is an error, never a network request.

References
----------
.. [1] Miller DL. WordLlama: recycled token embeddings from large language models.
   https://github.com/dleemiller/WordLlama (package ``wordllama`` 0.4, MIT licence).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from speciosa.errors import SpeciosaError

__all__ = ["MODEL_DIM", "Embedder", "load_embedder"]

MODEL_DIM: Final = 256
_CONFIG: Final = "l2_supercat"


@dataclass(frozen=True)
class Embedder:
    """Unit-length sentence embeddings (cosine similarity is a dot product).

    Attributes
    ----------
    name
        Model and package version, for provenance in outputs.
    """

    name: str
    _model: Any

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embeddings of ``texts``, shape ``(len(texts), 256)``, each of unit length."""
        if not texts:
            return np.zeros((0, MODEL_DIM), dtype=np.float32)
        vectors = np.asarray(self._model.embed(list(texts), norm=True), dtype=np.float32)
        return vectors


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    """Load the bundled WordLlama model once per process (about 0.5 s).

    Raises
    ------
    SpeciosaError
        If ``wordllama`` or its bundled weights are missing (reinstall speciosa).
    """
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise SpeciosaError(
            "the `wordllama` package is missing; reinstall speciosa (pip install -e .)"
        ) from exc
    package = Path(wordllama.__file__).parent
    try:
        model = WordLlama.load(config=_CONFIG, dim=MODEL_DIM, cache_dir=package, disable_download=True)
    except FileNotFoundError as exc:
        raise SpeciosaError(
            f"the WordLlama weights bundled in {package} are missing ({exc}); reinstall `wordllama`"
        ) from exc
    version = metadata.version("wordllama")
    return Embedder(f"wordllama {version} {_CONFIG} {MODEL_DIM}d", model)
