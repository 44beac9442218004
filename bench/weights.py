"""Page weight, for bench/run.py and bench/community.py: the bytes a page costs on the wire
with gzip (its HTML and the stylesheets and scripts it links) against the 60 KB budget."""

from __future__ import annotations

import gzip
import re
import time
from dataclasses import dataclass

import run as bench

BUDGET_BYTES = 60 * 1024  # the page-weight budget: HTML + CSS + JS, compressed (README.md)


@dataclass
class Weight:
    page: str
    html: int
    css: int
    js: int

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


def page_weight(base: str, page: str, path: str) -> Weight:
    """Bytes on the wire with gzip: the page's HTML and the stylesheets and scripts it links."""
    started = time.monotonic()
    status, body, encoding = bench.fetch(base + path, gzip_ok=True)
    if status != 200:
        bench.say(
            f"{page}: answered {status or 'nothing'} after {time.monotonic() - started:.1f} s"
        )
        return Weight(page, 0, 0, 0)
    html = gzip.decompress(body).decode("utf-8", "replace") if encoding == "gzip" else body.decode()
    sizes = {"css": 0, "js": 0}
    stylesheets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    for kind, urls in (("css", stylesheets), ("js", scripts)):
        for asset in urls:
            asset_url = asset if asset.startswith("http") else base + asset
            sizes[kind] += len(bench.fetch(asset_url, gzip_ok=True)[1])
    return Weight(page, len(body), sizes["css"], sizes["js"])


def say_weights(weights: list[Weight]) -> None:
    rows = [["page weight (gzip)", "HTML", "CSS", "JS", "total", "of 60 KB budget"]]
    for w in weights:
        rows.append(
            [
                w.page,
                *(f"{size / 1024:.1f} KB" for size in (w.html, w.css, w.js, w.total)),
                f"{100 * w.total / BUDGET_BYTES:.0f} %",
            ]
        )
    bench.say(bench.table(rows, right={1, 2, 3, 4, 5}))
