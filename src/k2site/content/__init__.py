"""Parse stage for pages: front matter, k2site's Markdown syntax and plugins, and one
page's text -> `Page` (claims, citations, body HTML with placeholders)."""
