import random, pathlib
random.seed(1)
d = pathlib.Path("docs/photos"); d.mkdir(parents=True, exist_ok=True)
words = "skin nodule metastasis breast scalp lesion carcinoma biopsy treatment patient HTML".split()
for i in range(300):
    txt = " ".join(random.choice(words) for _ in range(120))
    (d / f"p{i:03d}.md").write_text(f"""---
title: Photo {i} of a skin nodule
description: Consented photograph number {i}.
---

# Photo {i}

{txt}

[[atlas:embed]]

<!--atlas:photo:p{i:03d}-->
<figure class="atlas-photo" id="photo-{i}">
<img src="/img/a.png" srcset="/img/a.png 320w, /img/a.png 640w" sizes="(max-width: 640px) 100vw, 640px" alt="Photo {i}" width="640" height="480" loading="lazy">
<figcaption>Caption for photo {i}: {txt[:80]}</figcaption>
</figure>
<!--/atlas:photo:p{i:03d}-->

<div class="atlas-credit" data-search-exclude>
Credit: person {i}. Shared with consent.
</div>

## Details

| Field | Value |
| --- | --- |
| Site | {random.choice(words)} |
| Number | {i} |

!!! note "About this photo"
    {txt[:200]}
""")
