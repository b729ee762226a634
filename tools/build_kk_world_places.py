"""Write data/ner/kk_world_places.txt: country, region and city names in Kazakh from Unicode CLDR.

    python tools/build_kk_world_places.py

CLDR (shipped inside the Babel package, Unicode License v3) has Kazakh names for every territory
('Ауғанстан', 'Біріккен Араб Әмірліктері') and the exemplar city of every time zone ('Киев',
'Нью-Йорк'). The list feeds the Kazakh NER feature 'gz=LOC' (aimaq.ner.gazetteer_kk). Same Babel
version, same bytes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import babel
from babel import Locale

OUT = Path(__file__).resolve().parents[1] / "src" / "aimaq" / "data" / "ner" / "kk_world_places.txt"
_CYRILLIC = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі’' -]*$")
_QUALIFIER = re.compile(r"\s*\(.*\)$")
NOT_PLACES = frozenset({"001", "UN", "EU", "EZ"})  # the world, the United Nations, the EU, the euro area


def names() -> list[str]:
    """Territory names and time-zone exemplar cities of the 'kk' locale, cleaned and sorted."""
    locale = Locale("kk")
    found = {name for code, name in locale.territories.items() if code not in NOT_PLACES}
    found.update(zone["city"] for zone in locale.time_zones.values() if "city" in zone)
    cleaned = set()
    for name in found:
        name = _QUALIFIER.sub("", name.split(",")[0]).strip()
        if name and _CYRILLIC.match(name) and name[0].isupper():
            cleaned.add(name)
    return sorted(cleaned)


def main() -> int:
    header = (f"# Places in Kazakh from Unicode CLDR (Babel {babel.__version__}, locale 'kk': territory names\n"
              "# and time-zone exemplar cities; Unicode License v3). Built by tools/build_kk_world_places.py;\n"
              "# do not edit by hand. Feeds the Kazakh NER feature 'gz=LOC'.\n")
    found = names()
    OUT.write_text(header + "\n".join(found) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(found)} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
