"""The only metadata a published photo carries: who to credit and on what terms it is shared.

Written back after the pixels were re-encoded, so the rights travel with a file someone saves,
and nothing else from the original does. Never the consent record or anything about withdrawal:
callers pass only the credit, the licence statement and the photo's page address.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from PIL import Image

EXIF_ARTIST = 0x013B
EXIF_COPYRIGHT = 0x8298

NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}


@dataclass(frozen=True)
class Rights:
    credit: str = ""  # EXIF Artist and XMP photoshop:Credit (the IPTC "Credit Line")
    statement: str = ""  # EXIF Copyright and XMP dc:rights, e.g. "© Jane Doe. Licence: CC BY 4.0"
    web_statement: str = ""  # XMP xmpRights:WebStatement: the photo's page on the site

    @classmethod
    def for_photo(cls, *, credit: str, licence: str, page_url: str) -> "Rights":
        parts = []
        if credit:
            parts.append(f"© {credit}.")
        if licence:
            parts.append(f"Licence: {licence}.")
        return cls(credit=credit or "", statement=" ".join(parts), web_statement=page_url or "")

    def __bool__(self) -> bool:
        return bool(self.credit or self.statement or self.web_statement)

    def cache_key_part(self) -> str:
        return "\x1f".join((self.credit, self.statement, self.web_statement))


def exif_bytes(rights: Rights) -> bytes:
    """An EXIF block holding only Artist and Copyright (b"" when there is nothing to say)."""
    exif = Image.Exif()
    if rights.credit:
        exif[EXIF_ARTIST] = _ascii(rights.credit)
    if rights.statement:
        exif[EXIF_COPYRIGHT] = _ascii(rights.statement)
    return exif.tobytes() if len(exif) else b""


def xmp_bytes(rights: Rights) -> bytes:
    """An XMP packet with only the rights properties (b"" when there is nothing to say).

    Built with ElementTree rather than a text template so a credit containing '<' or '&'
    cannot break the packet.
    """
    if not rights:
        return b""
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)

    def q(name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{NAMESPACES[prefix]}}}{local}"

    root = ET.Element(q("x:xmpmeta"))
    rdf = ET.SubElement(root, q("rdf:RDF"))
    description = ET.SubElement(rdf, q("rdf:Description"), {q("rdf:about"): ""})
    if rights.credit:
        ET.SubElement(description, q("photoshop:Credit")).text = rights.credit
    if rights.statement:
        # dc:rights is a language alternative (XMP spec part 2): one default-language entry.
        alt = ET.SubElement(ET.SubElement(description, q("dc:rights")), q("rdf:Alt"))
        ET.SubElement(alt, q("rdf:li"), {"xml:lang": "x-default"}).text = rights.statement
    if rights.web_statement:
        ET.SubElement(description, q("xmpRights:WebStatement")).text = rights.web_statement
    body = ET.tostring(root, encoding="unicode")
    packet = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>' + body + '<?xpacket end="r"?>'
    return packet.encode("utf-8")


def _ascii(text: str) -> str:
    """EXIF ASCII fields are 7-bit: fold accents ('Zoë' -> 'Zoe'); XMP keeps the exact text."""
    text = text.replace("©", "(c)")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
