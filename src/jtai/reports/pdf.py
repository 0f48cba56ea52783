"""HTML to an accessible, tagged PDF (PDF/UA-1) with WeasyPrint.

The HTML must carry `<html lang="en-GB">` and a `<title>`: PDF/UA needs a document language and
title, and WeasyPrint takes both from the HTML. The PDF is written uncompressed so that its tags
(`/StructTreeRoot`, `/Lang`) can be checked by reading the bytes; case packs are small.
"""

from __future__ import annotations

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render `html` to PDF/UA-1 bytes."""
    import weasyprint  # imported here: it loads Pango, which only PDF builds need

    document = weasyprint.HTML(string=html, base_url=base_url)
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=True))
