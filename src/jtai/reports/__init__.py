"""Reports as files: pure functions from an already-rendered document to bytes.

Never imports Django; templates stay in the web layer, which renders HTML and hands it here.
"""

from jtai.reports.pdf import PDF_VARIANT, html_to_pdf

__all__ = ["PDF_VARIANT", "html_to_pdf"]
