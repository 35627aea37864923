"""The booklet as an accessible PDF, made by WeasyPrint from the booklet's print template.

The PDF is tagged and identifies itself as PDF/UA-1 (`pdf_variant="pdf/ua-1"`): real headings,
lists, tables and links in its structure tree, the document's title shown in the title bar
and its language (en-GB, from the template's `lang`) set, bookmarks from the headings.

WeasyPrint draws text with Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0, fonts), loaded
when it is first imported. Where those libraries are missing, the import fails: that is
`PdfUnavailable`, and the view answers with a page saying so, while the web booklet works.

Nothing is fetched while rendering: the stylesheet is passed in, the template has no images,
and the URL fetcher only accepts data: URLs (no network, no local files)."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"


class PdfUnavailable(Exception):
    """WeasyPrint (or the Pango libraries it needs) cannot be loaded on this machine."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: a shared library is missing
        logger.warning("The booklet PDF cannot be made: %s", error)
        raise PdfUnavailable(str(error)) from error
    return weasyprint


def render_pdf(*, html: str, stylesheet: str, base_url: str) -> bytes:
    """The PDF of `html` styled by `stylesheet`. `base_url` (the site's address) turns the
    template's relative links into absolute ones, so they work from a downloaded file."""
    weasyprint = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"])
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=[weasyprint.CSS(string=stylesheet, url_fetcher=fetcher)],
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )
