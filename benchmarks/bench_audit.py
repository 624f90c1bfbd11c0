"""Auditor benchmarks (issue 6). Not run by the tests; each case prints one JSON line.

    .venv/bin/python benchmarks/bench_audit.py

(a) baseline, same process: WordLlama embeddings of the sentences of a 2,000-word article (the
    model's own cost, with nothing of speciosa's around it).
(b) the audit of that article with the model loaded (split, spot, match against the 126-claim
    library, build the report): median of 7 runs; must be under 1 s; ratio (b)/(a).
(c) model load in a fresh interpreter: import, WordLlama weights, embedding the claim library
    (``Auditor.load``), without and with the knowledge base load; must be under 5 s.
(d) batch: ``speciosa audit FOLDER --format json --out FILE`` on 50 and on 500 articles in a fresh
    interpreter: wall time and the child's peak memory. Flat memory means the 500-article peak is
    close to the 50-article peak (documents are read, audited and written one at a time).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from speciosa.evidence import Auditor, load_embedder, split_sentences
from speciosa.knowledge import load_knowledge_base

ARTICLES = Path(__file__).parents[1] / "tests" / "validation" / "data" / "audit_gold" / "articles"


def article(words: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ARTICLES / "seeds").glob("*.txt"))]
    out: list[str] = []
    for line in "\n".join(texts).splitlines():
        out.append(line)
        if sum(len(x.split()) for x in out) >= words:
            break
    return "\n".join(out)


def fresh(code: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t


def main() -> None:
    text = article(2000)
    kb = load_knowledge_base()
    auditor = Auditor.load(kb)
    sentences = [s.text for s in split_sentences(text)]
    embedder = load_embedder()
    base = statistics.median(_timed(lambda: embedder.embed(sentences)) for _ in range(7))
    print(
        json.dumps(
            {"case": "a", "words": len(text.split()), "sentences": len(sentences), "wall_s": round(base, 4)}
        )
    )

    audit = statistics.median(_timed(lambda: auditor.audit_text(text)) for _ in range(7))
    claims = len(auditor.audit_text(text).claims)
    print(
        json.dumps(
            {
                "case": "b",
                "words": len(text.split()),
                "claims": claims,
                "wall_s": round(audit, 4),
                "ratio_to_a": round(audit / base, 1),
            }
        )
    )

    load_only = "from speciosa.knowledge import load_knowledge_base; kb = load_knowledge_base()"
    load_all = load_only + "; from speciosa.evidence import Auditor; Auditor.load(kb)"
    kb_s = statistics.median(fresh(load_only) for _ in range(3))
    all_s = statistics.median(fresh(load_all) for _ in range(3))
    print(
        json.dumps(
            {
                "case": "c",
                "python_plus_kb_s": round(kb_s, 2),
                "python_plus_kb_plus_model_s": round(all_s, 2),
                "model_load_s": round(all_s - kb_s, 2),
            }
        )
    )

    for n in (50, 500):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            sources = sorted((ARTICLES / "seeds").glob("*.txt")) + sorted((ARTICLES / "heldout").glob("*"))
            for i in range(n):
                src = sources[i % len(sources)]
                (folder / f"{i:04d}{src.suffix}").write_bytes(src.read_bytes())
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            t = time.perf_counter()
            cmd = [
                sys.executable,
                "-m",
                "speciosa",
                "audit",
                str(folder),
                "--format",
                "json",
                "--out",
                f"{tmp}/a.json",
            ]
            subprocess.run(cmd, check=True, capture_output=True)
            wall = time.perf_counter() - t
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(
                json.dumps(
                    {
                        "case": "d",
                        "articles": n,
                        "wall_s": round(wall, 2),
                        "per_article_s": round(wall / n, 4),
                        "child_peak_rss_mib": round(max(peak, before) / 1024, 1),
                        "output_mib": round(Path(f"{tmp}/a.json").stat().st_size / 2**20, 1),
                    }
                )
            )


def _timed(fn: object) -> float:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
