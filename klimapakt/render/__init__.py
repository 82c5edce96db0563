"""HTML from the records: Jinja templates, German number and date formats, inline SVG charts, figures."""
