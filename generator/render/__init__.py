"""Renderers: Markdown, theme, assets, the site, dossiers, receipts, the overview."""
