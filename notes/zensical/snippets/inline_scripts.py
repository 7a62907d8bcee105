"""Group the executable inline <script> texts of every page in a built site by SHA-256 (CSP hash)."""
import base64, hashlib, re, sys
from pathlib import Path
S = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
T = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
JS = {"", "module", "text/javascript", "application/javascript"}
site = Path(sys.argv[1]); seen = {}
for p in sorted(site.rglob("*.html")):
    for m in S.finditer(p.read_text()):
        a, body = m.groups()
        if re.search(r"\bsrc\s*=", a, re.I): continue
        t = T.search(a); 
        if (t.group(1).lower() if t else "") not in JS: continue
        h = "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        seen.setdefault(h, [body[:70], []])[1].append(str(p.relative_to(site)))
for h, (b, pages) in seen.items():
    print(h, repr(b), len(pages), "pages:", ", ".join(pages[:6]))
