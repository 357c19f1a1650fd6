"""Results -> Markdown (markdown.py) and the HTML review pages (html.py, templates/)."""

SHIPPED_TEMPLATE = "page.html.jinja"  # the review page's template in templates/, where a user's --template starts
TRANSLATION_TEMPLATE = "translation.html.jinja"  # the translation page's
