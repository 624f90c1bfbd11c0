"""Streaming quantiles: log-spaced histograms that take subjects chunk by chunk.

Memory does not grow with the number of subjects. Quantiles are read off the cumulative counts
with linear interpolation inside a bin; with :data:`PER_DECADE` bins per decade a bin spans
1.2 %, so a quantile is exact to within about half a percent. Values at or below ``low`` (for
example before the first dose) count as zero.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["PER_DECADE", "LogHistogram"]

FloatArray = npt.NDArray[np.float64]
PER_DECADE = 200


class LogHistogram:
    """Counts of positive values per position (e.g. per output time) on a log grid."""

    def __init__(
        self, n_positions: int, low: float = 1e-6, high: float = 1e8, per_decade: int = PER_DECADE
    ) -> None:
        self.low, self.high = low, high
        self.n_bins = int(round(np.log10(high / low) * per_decade))
        self.edges = np.geomspace(low, high, self.n_bins + 1)
        self.n_positions = n_positions
        # bin 0: <= low (zero), bins 1..n_bins: log bins, bin n_bins + 1: above high; NaN skipped
        self.counts = np.zeros((n_positions, self.n_bins + 2), dtype=np.int64)
        self.n = np.zeros(n_positions, dtype=np.int64)

    def add(self, values: npt.ArrayLike) -> None:
        """Add a chunk: shape (subjects, positions) or (subjects,) when there is one position."""
        v = np.asarray(values, dtype=np.float64)
        if v.ndim == 1:
            v = v[:, None]
        ok = np.isfinite(v)
        with np.errstate(divide="ignore", invalid="ignore"):
            b = np.floor(
                np.log10(np.where(v > self.low, v, self.low) / self.low)
                * (self.n_bins / np.log10(self.high / self.low))
            )
        b = np.where(v > self.low, np.clip(b, 0, self.n_bins) + 1, 0).astype(np.int64)
        flat = (np.arange(self.n_positions)[None, :] * (self.n_bins + 2) + b)[ok]
        # unbuffered add: linear in the chunk, unlike a bincount the size of the whole histogram
        np.add.at(self.counts.reshape(-1), flat, 1)
        self.n += ok.sum(axis=0)

    def quantiles(self, qs: npt.ArrayLike) -> FloatArray:
        """Quantiles, shape (len(qs), positions); NaN where no value was added."""
        q = np.atleast_1d(np.asarray(qs, dtype=np.float64))
        cum = np.cumsum(self.counts, axis=1)
        out = np.full((len(q), self.n_positions), np.nan)
        for j, qq in enumerate(q):
            target = qq * self.n
            idx = np.argmax(cum >= np.maximum(target, 1)[:, None], axis=1)
            prev = np.where(idx > 0, cum[np.arange(self.n_positions), np.maximum(idx - 1, 0)], 0)
            cnt = self.counts[np.arange(self.n_positions), idx]
            frac = np.clip((target - prev) / np.maximum(cnt, 1), 0, 1)
            lo = self.edges[np.clip(idx - 1, 0, self.n_bins)]
            hi = self.edges[np.clip(idx, 0, self.n_bins)]
            val = lo * (hi / lo) ** frac
            val = np.where(idx == 0, 0.0, val)
            val = np.where(idx == self.n_bins + 1, np.inf, val)
            out[j] = np.where(self.n > 0, val, np.nan)
        return out
