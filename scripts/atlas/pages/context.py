"""What the page renderers need to know about the site (from mkdocs.yml, via the adapter)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteInfo:
    name: str = "Cutaneous Metastases Atlas"
    url: str = ""  # the published address, ending in '/'; '' when unknown
    contact_email: str = ""  # where to ask permission to reuse a photo
    reuse_page: str = ""  # site-relative URL of the page explaining reuse, such as about-the-photos/
    publisher: str = ""  # who publishes the site, for citations (default: the site's name)

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.name

    def absolute(self, site_relative: str) -> str:
        """An absolute URL when the site's address is known, else the site-relative one."""
        return (self.url.rstrip("/") + "/" + site_relative.lstrip("/")) if self.url else site_relative
