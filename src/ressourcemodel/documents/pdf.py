"""HTML → PDF with WeasyPrint (ADR 0007)."""

from __future__ import annotations


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: only the documents need it

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
