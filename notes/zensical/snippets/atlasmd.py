import os, sys
from markdown import Extension
from markdown.preprocessors import Preprocessor

LOG = os.environ.get("ATLASMD_LOG", "/tmp/atlasmd.log")

class P(Preprocessor):
    def __init__(self, md, cfg):
        super().__init__(md); self.cfg = cfg
    def run(self, lines):
        with open(LOG, "a") as f:
            f.write(f"run pid={os.getpid()} cfg={self.cfg} first={lines[:1]}\n")
        return [l.replace("[[atlas:embed]]", f"<p class='embed'>EMBED2 {self.cfg['greeting']} {self.cfg['number']}</p>") for l in lines]

class AtlasExt(Extension):
    def __init__(self, **kwargs):
        self.config = {"greeting": ["default", ""], "number": [0, ""]}
        super().__init__(**kwargs)
    def extendMarkdown(self, md):
        with open(LOG, "a") as f:
            f.write(f"extendMarkdown pid={os.getpid()} cfg={self.getConfigs()} md_ext={[type(e).__name__ for e in md.registeredExtensions]}\n")
        md.preprocessors.register(P(md, self.getConfigs()), "atlasmd", 25)

def makeExtension(**kwargs):
    return AtlasExt(**kwargs)
