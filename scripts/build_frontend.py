"""Copy GOV.UK Frontend's precompiled assets from node_modules into var/frontend so Django
serves them locally (never from a CDN).

Two rewrites are made on the way: asset URLs point under /static/govuk/, and the GDS Transport
typeface (licensed for GOV.UK only) is replaced by Arial, as the Design System asks of services
that are not on GOV.UK."""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = ROOT / "var" / "frontend" / "govuk"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def main() -> int:
    if not SOURCE.exists():
        print("govuk-frontend is not installed: run `npm ci` first", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "assets").mkdir(parents=True)
    shutil.copytree(SOURCE / "assets" / "images", TARGET / "assets" / "images")
    css = (SOURCE / "govuk-frontend.min.css").read_text()
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("GDS Transport,", "").replace('"GDS Transport",', "")
    css = css.replace("url(/assets/", "url(/static/govuk/assets/")
    # Source maps are not shipped, so their references go too.
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    (TARGET / "govuk-frontend.min.css").write_text(css)
    js = (SOURCE / "govuk-frontend.min.js").read_text()
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    (TARGET / "govuk-frontend.min.js").write_text(js)
    print(f"GOV.UK Frontend assets copied to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
