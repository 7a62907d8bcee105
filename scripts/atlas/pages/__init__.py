"""Generated pages (galleries, photos, retired photos, redirects) and embeds, as plain text."""
