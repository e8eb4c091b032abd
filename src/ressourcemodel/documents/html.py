"""Small HTML building blocks for the PDF documents (escaped, Danish formats)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

STYLE = """
@page { size: A4; margin: 18mm 16mm 18mm 16mm;
        @bottom-right { content: "Side " counter(page) " af " counter(pages); font-size: 8pt;
                        font-family: "DejaVu Sans", sans-serif; color: #5f6b76; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #1d2731; }
h1 { font-size: 16pt; margin: 0 0 2mm; color: #1f5f8b; }
h2 { font-size: 11pt; margin: 6mm 0 2mm; color: #1f5f8b; }
p.meta { color: #5f6b76; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
th, td { border-bottom: 0.4pt solid #c9d0d6; padding: 1.2mm 1.5mm; text-align: left; }
th { background: #eef2f5; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.sum td { font-weight: bold; border-top: 0.8pt solid #5f6b76; }
.note { color: #5f6b76; font-size: 8.5pt; }
"""


def esc(value: object) -> str:
    return escape("" if value is None else str(value))


def page(title: str, meta: str, body: Iterable[str]) -> str:
    return (
        f'<!doctype html><html lang="da"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{esc(title)}</h1>"
        f'<p class="meta">{esc(meta)}</p>{"".join(body)}</body></html>'
    )


def table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[int] = (),
    total: Sequence[object] | None = None,
) -> str:  # fmt: skip
    """A table; the columns in ``numeric`` are right-aligned. Cells are escaped."""

    def cell(tag: str, i: int, v: object) -> str:
        cls = ' class="num"' if i in numeric else ""
        return f"<{tag}{cls}>{esc(v)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>" for r in rows
    )
    if total is not None:
        body += '<tr class="sum">' + "".join(cell("td", i, v) for i, v in enumerate(total))
        body += "</tr>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def section(title: str, *content: str) -> str:
    return f"<h2>{esc(title)}</h2>{''.join(content)}"


def note(text: str) -> str:
    return f'<p class="note">{esc(text)}</p>'
