#!/usr/bin/env python3
"""Writes the tree of the migration benchmark: SCENES scene folders of version 1 prompts.json.

Each scene folder ROOT/scene_NNNNN holds one prompts.json as the Python extension wrote version 1
files (json.dumps with indent=4, ensure_ascii=False): the five legacy prompts (girl_pos, male_pos,
four_image_prompt, wan_prompt, wan_low_prompt; some empty), a few other string keys, a number and
a boolean. The text is seeded pseudo-random words with some non-ASCII, so a file is 0.5 to about
6 KB (about 2.4 KB on average); the same SEED gives the same bytes.

Usage: make_v1_tree.py ROOT [SCENES] [SEED]     (defaults: 5000 scenes, seed 20261204)
"""

import json
import os
import random
import sys

WORDS = (
    "a woman in a red coat walks through the rain at night neon light reflects on wet asphalt "
    "slow pan close up wide shot cinematic soft focus caf\u00e9 na\u00efve \u65e5\u672c "
    "portrait golden hour film grain 35mm backlit silhouette fog city street window"
).split()

LEGACY = ["girl_pos", "male_pos", "four_image_prompt", "wan_prompt", "wan_low_prompt"]


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def scene(rng):
    data = {}
    for key in LEGACY:
        data[key] = "" if rng.random() < 0.15 else text(rng, rng.randint(5, 120))
    for i in range(rng.randint(0, 6)):
        data["extra_%d" % i] = text(rng, rng.randint(3, 60))
    data["seed"] = rng.randint(0, 2**31)
    data["use_depth"] = rng.random() < 0.5
    return data


def main(argv):
    if len(argv) < 2 or len(argv) > 4:
        sys.stderr.write(__doc__)
        return 2
    root = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 5000
    rng = random.Random(int(argv[3]) if len(argv) > 3 else 20261204)
    os.makedirs(root, exist_ok=True)
    total = 0
    for i in range(count):
        folder = os.path.join(root, "scene_%05d" % i)
        os.mkdir(folder)
        data = json.dumps(scene(rng), indent=4, ensure_ascii=False).encode("utf-8")
        with open(os.path.join(folder, "prompts.json"), "wb") as f:
            f.write(data)
        total += len(data)
    print("%d scenes, %d bytes of version 1 files, in %s" % (count, total, root))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
