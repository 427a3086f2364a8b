#!/usr/bin/env python3
"""Writes the demo's embedded sample story in the Python fbTools extension's file formats.

Run from the repository root:  python3 examples/src/sample/make_sample.py
The files go to examples/src/main/resources/io/github/fbtools/examples/sample/. Each is written
with json.dump exactly as the extension writes that kind of file (see the README there):
  libbers/<name>.json       Libber.save: indent=2, ensure_ascii=False, no trailing newline
  stories/<story>/story.json save_story: indent=2, ensure_ascii=False, no trailing newline
  scenes/<scene>/prompts.json save_json_file: indent=4, ensure_ascii=False (v1 and v2); one v1
                            file from an older install with indent=2, ensure_ascii=True
  scenes/<scene>/loras.json  the legacy {"high": [...], "low": [...]} file, indent=4
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "main", "resources",
                    "io", "github", "fbtools", "examples", "sample")
FILES = []


def dump(rel, data, indent, ensure_ascii):
    path = os.path.join(ROOT, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=indent, ensure_ascii=ensure_ascii)
    FILES.append(rel)


LIBBER = "noir"

dump("libbers/%s.json" % LIBBER, {
    "libs": {
        "courier": "a young courier in a yellow raincoat",
        "stranger": "a tall stranger in a grey coat",
        "city": "a rain-soaked neon city at night",
        "cafe": "a tiny café with fogged windows",
        "style": "cinematic film still, %light%, %grain%",
        "light": "teal and orange light",
        "grain": "35mm film grain",
    },
    "delimiter": "%",
    "max_depth": 10,
}, indent=2, ensure_ascii=False)

# opening: a version 1 file as older installs wrote it (five legacy keys), and a legacy loras.json.
dump("scenes/opening/prompts.json", {
    "girl_pos": "a young courier in a yellow raincoat waits under a café awning, rain, neon",
    "male_pos": "",
    "wan_prompt": "slow push-in, rain falling, neon reflections",
    "wan_low_prompt": "static camera",
    "four_image_prompt": "",
}, indent=4, ensure_ascii=False)
dump("scenes/opening/loras.json", {
    "high": [
        {"lora_name": "noir_style_high.safetensors", "strength": 0.8, "blocks": {},
         "layer_filter": "", "low_mem_load": False, "merge_loras": False},
        {"lora_name": "none", "strength": 1.0},
    ],
    "low": [
        {"lora_name": "noir_style_low.safetensors", "strength": 0.6},
    ],
}, indent=4, ensure_ascii=False)

# meeting: version 2, prompts that use the libber, a composition.
dump("scenes/meeting/prompts.json", {
    "version": 2,
    "prompts": {
        "hero": {"value": "%courier%, looking up,", "processing_type": "libber",
                 "category": "character", "libber_name": LIBBER},
        "rival": {"value": "%stranger% holding an envelope,", "processing_type": "libber",
                  "category": "character", "libber_name": LIBBER},
        "setting": {"value": "inside %cafe%, %style%", "processing_type": "libber",
                    "category": "setting", "libber_name": LIBBER},
        "wan_prompt": {"value": "the stranger slides the envelope across the table",
                       "processing_type": "raw", "category": "video"},
    },
    "compositions": {
        "full": ["hero", "rival", "setting"],
    },
    "scene_flags": {"use_depth": True, "use_mask": False, "use_pose": True, "use_canny": False},
}, indent=4, ensure_ascii=False)

# chase: version 1, written by an older install with indent=2 and ensure_ascii=True (\u escapes).
dump("scenes/chase/prompts.json", {
    "girl_pos": "the courier runs through the market, señal lights blurring",
    "male_pos": "the stranger follows at a distance",
    "wan_prompt": "handheld tracking shot, fast",
    "wan_low_prompt": "",
    "four_image_prompt": "",
}, indent=2, ensure_ascii=True)

# ending: version 2, written with ensure_ascii=True (\u escapes for the dash).
dump("scenes/ending/prompts.json", {
    "version": 2,
    "prompts": {
        "hero": {"value": "%courier% on a rooftop at dawn, the envelope open,",
                 "processing_type": "libber", "category": "character", "libber_name": LIBBER},
        "setting": {"value": "%city% fading into morning, %style%,",
                    "processing_type": "libber", "category": "setting", "libber_name": LIBBER},
        "mood": {"value": "quiet relief — the rain has stopped", "processing_type": "raw"},
    },
    "compositions": {
        "full": ["hero", "setting", "mood"],
    },
}, indent=4, ensure_ascii=True)


def scene(name, order, source, key, video_source="auto", video_key=""):
    return {
        "scene_name": name, "scene_order": order, "mask_name": "", "mask_background": True,
        "prompt_source": source, "prompt_key": key, "custom_prompt": "",
        "video_prompt_source": video_source, "video_prompt_key": video_key,
        "video_custom_prompt": "", "depth_type": "depth", "pose_type": "open",
        "use_depth": False, "use_mask": False, "use_pose": False, "use_canny": False,
    }


dump("stories/night_courier/story.json", {
    "version": 2,
    "story_name": "night_courier",
    "story_dir": "stories/night_courier",
    "scenes": [
        scene("opening", 0, "prompt", "girl_pos", "prompt", "wan_prompt"),
        scene("meeting", 1, "composition", "full", "prompt", "wan_prompt"),
        scene("chase", 2, "prompt", "girl_pos", "prompt", "wan_prompt"),
        scene("ending", 3, "composition", "full"),
    ],
}, indent=2, ensure_ascii=False)

with open(os.path.join(ROOT, "index.txt"), "w", encoding="utf-8") as f:
    f.write("".join(rel + "\n" for rel in sorted(FILES)))
