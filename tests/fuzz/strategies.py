"""Hypothesis strategies for what users hand to speciosa: a mix of valid and hostile inputs.

Each strategy draws from the grammar of one input class (regimen sentences, quantities, dates,
jurisdiction codes, product JSON, content files, articles, co-medication doses, output paths)
and from its hostile neighbours: non-finite, negative, zero and huge numbers, repeated phrases,
unicode, junk, binary bytes, broken syntax, deep nesting, duplicate keys. Valid values stay in
the mix so that the success paths run too.

Sizes are bounded so that one example stays cheap (a 20-subject run, a document of at most a few
hundred KiB); the size limits themselves (10 MiB files, 64 nesting levels) are exercised with
inputs just past them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

# --- numbers and quantities ---------------------------------------------------------------------

#: Number spellings that break naive parsers.
HOSTILE_NUMBERS = (
    "inf",
    "-inf",
    "Infinity",
    "nan",
    "NaN",
    "-0",
    "0",
    "-1",
    "1e309",
    "-1e309",
    "1e-320",
    "1e400",
    "9" * 40,
    "0.0000001",
    "1e3",
    "1,5",
    "1.2.3",
    ".5",
    "5.",
    "0x10",
    "١٢",  # Arabic-Indic digits
    "²",
    "",
    " ",
)

_plain_numbers = st.one_of(
    st.integers(min_value=0, max_value=100_000).map(str),
    st.floats(min_value=0, max_value=1e4, allow_nan=False).map(lambda x: f"{x:g}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)

#: Number text: plain, extreme and malformed.
numbers = st.one_of(_plain_numbers, st.sampled_from(HOSTILE_NUMBERS))

UNITS = (
    "g",
    "mg",
    "kg",
    "ug",
    "µg",
    "h",
    "min",
    "s",
    "day",
    "days",
    "d",
    "week",
    "L",
    "mL",
    "nM",
    "ng/mL",
    "mg/kg",
    "gg",
    "m",
    "kg*m",
    "1/h",
    "degC",
    "",
    "g/",
    "**",
    "g g",
    "ɡ",
)

#: Quantity text such as ``"3 g"``, ``"8h"``, ``"inf h"``, ``"3 gg"``.
quantities = st.one_of(
    st.builds(
        lambda n, sp, u: f"{n}{sp}{u}",
        numbers,
        st.sampled_from(("", " ", "  ", "\t")),
        st.sampled_from(UNITS),
    ),
    st.text(max_size=30),
    st.sampled_from(("2g", "500 mg", "8h", "8 h", "0.5 day", "70kg", "1e2 g", "2 g + 1 g", "3 g/kg")),
)

# --- regimen sentences -------------------------------------------------------------------------

FORMS = ("", "leaf powder", "tea", "capsules", "extract", "leaf", "powder", "of tea", "magic beans")
REGIMEN_EXAMPLES = (
    "2 g tea once",
    "3 g leaf powder every 8 h for 14 days",
    "1.5 g every 12h for 3 days",
    "4 g at 08:00 and 2 g at 20:00 daily for 10 days",
    "5 g daily for 7 days",
)

_small_amount = st.one_of(st.sampled_from(("0.5", "1", "2", "3", "4", "5", "250", "1.5")), numbers)
_mass_unit = st.sampled_from(("g", "mg", "grams", "gram", " g", " mg", "kg", "oz", ""))
_amount = st.builds(lambda n, u: f"{n} {u}".replace("  ", " "), _small_amount, _mass_unit)
_time_unit = st.sampled_from(("h", "hours", "day", "days", "min", "week", "weeks", "s", "", "g"))
_duration = st.builds(
    lambda n, u: f"{n} {u}",
    st.one_of(st.sampled_from(("1", "3", "7", "14", "30", "0.5")), numbers),
    _time_unit,
)
_clock = st.one_of(
    st.sampled_from(("08:00", "20:00", "00:00", "23:59", "12:30")),
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 99), st.integers(0, 99)),
)

_once = st.builds(lambda a, f: f"{a} {f} once", _amount, st.sampled_from(FORMS))
_every = st.builds(
    lambda a, f, e, d: f"{a} {f} every {e} for {d}", _amount, st.sampled_from(FORMS), _duration, _duration
)
_daily = st.builds(lambda a, f, d: f"{a} {f} daily for {d}", _amount, st.sampled_from(FORMS), _duration)
_clocked = st.builds(
    lambda parts, d: " and ".join(parts) + f" daily for {d}",
    st.lists(st.builds(lambda a, c: f"{a} at {c}", _amount, _clock), min_size=1, max_size=5),
    _duration,
)


def _mutate(text: str, junk: str, where: int, how: int) -> str:
    cut = where % (len(text) + 1)
    if how == 0:
        return text[:cut] + junk + text[cut:]
    if how == 1:
        return text[:cut]
    if how == 2:
        return text.upper()
    return text.replace(" ", junk or "\u00a0")


_mutated = st.builds(
    _mutate,
    st.one_of(st.sampled_from(REGIMEN_EXAMPLES), _once, _every, _daily, _clocked),
    st.text(max_size=8),
    st.integers(0, 200),
    st.integers(0, 3),
)
#: Repeated phrases, up to 1000 repeats: the regimen parser once backtracked exponentially on
#: "2 g at 08:00 and " repeated (26 repeats 36 s); it is linear now and refuses sentences over 500
#: characters (issue 17).
MAX_REPEATS = 1000
_repeated = st.builds(
    lambda phrase, n, tail: phrase * n + tail,
    st.sampled_from(("3 g ", "at 08:00 and ", "every ", "for 1 day ", "2 g at 08:00 and ", "tea ")),
    st.integers(1, MAX_REPEATS),
    st.sampled_from(("", "daily for 3 days", "once", "for 2 days")),
)

#: Regimen sentences: the five grammar forms with valid and hostile parts, mutations and junk.
regimens = st.one_of(
    st.sampled_from(REGIMEN_EXAMPLES),
    _once,
    _every,
    _daily,
    _clocked,
    _mutated,
    _repeated,
    st.text(max_size=60),
)

# --- dates and places --------------------------------------------------------------------------

#: Date text for ``--on``/``--since``/``--until``: ISO dates, impossible dates, year 0/99999, junk.
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(
        (
            "today",
            " TODAY ",
            "2025-02-30",
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "99999-01-01",
            "-2025-01-01",
            "2025-13-01",
            "2025-00-10",
            "2025-1-1",
            "20250101",
            "2025-W01",
            "2025-01-01T00:00",
            "01/02/2025",
            "yesterday",
            "",
        )
    ),
    st.text(max_size=20),
)

JURISDICTIONS = ("US", "US-TX", "US-AL", "US-CA", "US-CA:san-diego", "TH", "GB", "MY", "AU", "DE")
#: Jurisdiction codes: known codes, case and spacing variants, unknown codes, junk, very long text.
jurisdictions = st.one_of(
    st.sampled_from(JURISDICTIONS),
    st.sampled_from(JURISDICTIONS).map(lambda c: f"  {c.lower()} "),
    st.sampled_from(
        ("XX", "US-XX", "US-CA:nowhere", "us-ca:SAN-DIEGO", ":", "US-", "-TX", "US--TX", "US-TX:", "ZZ-ZZ")
    ),
    st.text(max_size=30),
    st.integers(100, 5000).map(lambda n: "US-" + "A" * n),
)

# --- co-medications ----------------------------------------------------------------------------

DRUGS = ("sertraline", "fluoxetine", "Zoloft", "venlafaxine", "tramadol", "midazolam", "bupropion")
drugs = st.one_of(st.sampled_from(DRUGS), st.text(max_size=20))
#: Co-medication dose text: plausible, implausible (``50 kg daily``), malformed.
drug_doses = st.one_of(
    st.sampled_from(
        (
            "50 mg daily",
            "30 mg once",
            "10 mg twice daily",
            "5 mg every 12 h",
            "50 kg daily",
            "5000 mg daily",
            "0 mg daily",
            "50 mg every 0 h",
            "50 mg every 1 min",
            "50 mg every 30 days",
            "50 mg hourly",
            "mg daily",
            "50 h daily",
        )
    ),
    st.builds(
        lambda q, f: f"{q} {f}", quantities, st.sampled_from(("daily", "once", "bid", "every 8 h", ""))
    ),
    st.builds(
        lambda d, q: f"{d}={q}", st.sampled_from(DRUGS), st.sampled_from(("50 mg daily", "50 kg daily"))
    ),
    st.text(max_size=30),
)

# --- files -------------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "products"
_BASE_PRODUCT: dict[str, Any] = json.loads((EXAMPLES / "natural-leaf.json").read_text(encoding="utf-8"))

_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
_json_values = st.recursive(
    _json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
_PRODUCT_KEYS = (
    "name",
    "form",
    "alkaloids_mg_per_g",
    "synthetic_or_added_alkaloids",
    "label",
    "contaminants",
)
_LABEL_KEYS = ("serving_size_g", "servings_per_day_max", "directions", "mitragynine_mg_per_serving")


def _edit_product(drop: list[str], set_top: dict[str, Any], set_label: dict[str, Any]) -> dict[str, Any]:
    product = json.loads(json.dumps(_BASE_PRODUCT))
    for key in drop:
        product.pop(key, None)
    product.update(set_top)
    if isinstance(product.get("label"), dict):
        product["label"].update(set_label)
    return product


_products = st.builds(
    _edit_product,
    st.lists(st.sampled_from(_PRODUCT_KEYS), max_size=2),
    st.dictionaries(
        st.sampled_from(_PRODUCT_KEYS),
        st.one_of(
            _json_values,
            st.sampled_from(("powder", "shot", "tea", "PILL", "")),
            st.dictionaries(
                st.sampled_from(
                    ("mitragynine", "7-OH", "MG", "speciogynine", "unobtainium", " Mitragynine ")
                ),
                st.one_of(st.floats(allow_nan=False), st.integers(-5, 2000), st.text(max_size=4)),
                max_size=4,
            ),
        ),
        max_size=2,
    ),
    st.dictionaries(st.sampled_from(_LABEL_KEYS), _json_values, max_size=2),
)


def _nested(depth: int, bracket: str) -> str:
    if bracket == "[":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


#: Product files as bytes: valid products, edited ones, broken JSON, deep nesting, huge arrays,
#: a byte-order mark, duplicate keys, NaN tokens, binary and non-UTF-8 data.
product_files = st.one_of(
    _products.map(lambda p: json.dumps(p).encode()),
    _products.map(lambda p: b"\xef\xbb\xbf" + json.dumps(p, indent=2).encode()),
    _products.map(lambda p: json.dumps(p).encode()[:-1]),
    _products.map(lambda p: json.dumps(p).replace('"name"', '"name": "x", "name"', 1).encode()),
    _products.map(lambda p: json.dumps(p).replace("0.", 'NaN, "z": 0.', 1).encode()),
    st.builds(
        lambda d, b: _nested(d, b).encode(),
        st.sampled_from((10, 63, 64, 65, 100, 5000, 100_000)),
        st.sampled_from("[{"),
    ),
    st.integers(1, 200_000).map(lambda n: ("[" + "1," * n + "1]").encode()),
    _json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),
    st.sampled_from((b"", b"\xff\xfe{}", b"{'name': 'single quotes'}", b"\x00{}", b"\xef\xbb\xbf")),
)

#: ``--content`` files: (suffix, bytes) for CSV ``compound,mg_per_g`` or a YAML mapping.
content_files = st.one_of(
    st.tuples(
        st.just(".csv"),
        st.one_of(
            st.lists(
                st.tuples(
                    st.sampled_from(("mitragynine", "7-hydroxymitragynine", "speciogynine", "junk", "")),
                    numbers,
                ),
                max_size=5,
            ).map(lambda rows: ("compound,mg_per_g\n" + "".join(f"{c},{v}\n" for c, v in rows)).encode()),
            st.sampled_from(
                (
                    b"compound,mg_per_g\nmitragynine,15\n",
                    b"compound\nmitragynine\n",
                    b"compound,mg_per_g\nmitragynine,15\nmitragynine,16\n",
                    b"compound,mg_per_g\nmitragynine,15,extra,cells\n",
                    b'compound,mg_per_g\n"mitragynine,15\n',
                    b"compound,mg_per_g\nmitragynine\n",
                    b"\xef\xbb\xbfcompound,mg_per_g\nmitragynine,12\n",
                    b"compound,mg_per_g\r\nmitragynine,12\r\n",
                )
            ),
            st.binary(max_size=100),
            st.integers(1, 300_000).map(lambda n: b"compound,mg_per_g\nmitragynine," + b"1" * n + b"\n"),
            st.integers(1, 300_000).map(lambda n: b'compound,mg_per_g\n"' + b"m" * n + b'",1\n'),
        ),
    ),
    st.tuples(
        st.sampled_from((".yaml", ".yml")),
        st.one_of(
            st.dictionaries(
                st.sampled_from(("mitragynine", "7-hydroxymitragynine", "paynantheine", "junk")),
                st.one_of(
                    numbers, st.floats(), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)
                ),
                max_size=4,
            ).map(lambda d: "".join(f"{k}: {v}\n" for k, v in d.items()).encode()),
            st.sampled_from(
                (
                    b"mitragynine: 15\n",
                    b"mitragynine: 15\nmitragynine: 16\n",
                    b"a: &x 1\nb: *x\n",
                    b"- mitragynine\n- 15\n",
                    b"mitragynine: [15\n",
                    b"mitragynine: .nan\n",
                    b"mitragynine: .inf\n",
                    b"!!python/object:os.system {}\n",
                    b"[" * 5000,
                    b"",
                    b"mitragynine: 1e3\n",
                )
            ),
            st.binary(max_size=100),
        ),
    ),
)

_md_pieces = st.sampled_from(
    (
        "# Kratom and depression\n\n",
        "Kratom cures depression.\n\n",
        "Kratom is legal in Texas.\n",
        "Mitragynine is an opioid receptor agonist.\n",
        "```\nunclosed fence\n",
        "```python\nprint('x')\n```\n",
        "**bold *nested* claim**\n",
        "[link](http://example.com) and ![img](x.png)\n",
        "> quoted claim that kratom is safe\n",
        "- list item\n- 4 g of leaf powder relieves anxiety\n",
        "* * *\n",
        "<div><p>inline html</p></div>\n",
        "Kratom (Mitragyna speciosa) at 2 g to 5 g per day is a stimulant. ",
    )
)
_html_pieces = st.sampled_from(
    (
        "<html><body>",
        "<p>Kratom treats anxiety.</p>",
        "<div>" * 50,
        "</div>" * 50,
        "<script>var x = '<p>not text</p>';</script>",
        "<style>p{}</style>",
        "<!-- comment <p>hidden</p> -->",
        "<p>unclosed paragraph",
        "&amp;&lt;&#x41;&#99999999;&bogus;",
        "<h1>Heading</h1>",
        "<br/><img src=x>",
        "</body></html>",
    )
)


def _giant_line(word: str, n: int) -> str:
    return (word + " ") * n


#: Articles as (suffix, bytes): Markdown, HTML and plain text with claims, unclosed fences,
#: giant lines, nested tags, binary bytes, other encodings and empty files.
articles = st.one_of(
    st.tuples(
        st.sampled_from((".md", ".txt", "")),
        st.lists(_md_pieces, max_size=12).map(lambda p: "".join(p).encode()),
    ),
    st.tuples(
        st.sampled_from((".html", ".htm", ".txt")),
        st.lists(_html_pieces, max_size=12).map(lambda p: "".join(p).encode()),
    ),
    st.tuples(
        st.sampled_from((".txt", ".md")),
        st.builds(
            _giant_line,
            st.sampled_from(("kratom", "cures", "x", "2g", "depression.")),
            st.integers(1, 20_000),
        ).map(str.encode),
    ),
    st.tuples(st.sampled_from((".txt", ".md", ".html")), st.text(max_size=300).map(str.encode)),
    st.tuples(st.sampled_from((".txt", ".html")), st.binary(max_size=300)),
    st.tuples(
        st.sampled_from((".txt",)),
        st.sampled_from(("utf-16", "utf-32", "cp1252", "latin-1")).map(
            lambda enc: "Kratom hilft gegen Depression, café.\n".encode(enc)
        ),
    ),
    st.tuples(
        st.sampled_from((".txt", ".md", ".html")),
        st.sampled_from((b"", b"   \n", b"\xef\xbb\xbf", b"<p></p>", b"```")),
    ),
)

#: Plot file names: image suffixes, non-image suffixes, none; a folder that does not exist.
plot_names = st.tuples(
    st.sampled_from(("curve.png", "curve.svg", "curve.PNG", "curve.txt", "curve", "curve.png.tmp", ".png")),
    st.booleans(),  # True: inside a folder that does not exist
)

#: Event-record CSV text (NONMEM style): valid tables, junk cells, non-finite numbers, broken CSV.
events_csv = st.one_of(
    st.lists(
        st.tuples(
            st.sampled_from(("1", "2", "0", "-1", "1.5", "x")),
            numbers,
            numbers,
            st.sampled_from(("", "1", "0", ".")),
        ),
        max_size=5,
    ).map(lambda rows: "ID,TIME,AMT,EVID\n" + "".join(f"{i},{t},{a},{e}\n" for i, t, a, e in rows)),
    st.sampled_from(
        (
            "ID,TIME,AMT,RATE\n1,0,100,5\n",
            "TIME,AMT\n0,100\n",
            "ID,TIME\n",
            'ID,TIME\n"1,0\n',
            "ID,TIME,AMT,CMT\n1,0,100,nowhere\n",
            "ID,TIME,AMT,SS,II\n1,0,100,1,0\n",
            "ID,TIME,AMT,ADDL,II\n1,0,100,99999999,1\n",
            "",
        )
    ),
    st.integers(1, 300_000).map(lambda n: 'ID,TIME\n"' + "1" * n + '",0\n'),
    st.text(max_size=80),
)
