"""Writes the Python-made fixtures of LibberFilesTest, SceneFilesTest and StoryFilesTest.

Run from this folder with CPython 3.11 (no third-party package):  python3 make_fixtures.py
The files are committed as data; this script documents how they were made. Each file is
written the way REFERENCE.md says the Python fbTools writes it:

* Libber.save: json.dump(to_dict(), indent=2, ensure_ascii=False), no trailing newline (§2.3);
  the documented "lib_dict" format and the REST get_data shape (with "keys") too.
* utils/io.save_json_file (prompts.json, pose.json, lora_stack.json): indent=4,
  ensure_ascii=False (§3.4, §3.5); variants with indent=2 and ensure_ascii=True as a user's
  own json.dump would write them.
* loras.json: the deprecated save_loras shape {"high": [...], "low": [...]} (§3.6).
* save_story: indent=2, ensure_ascii=False, no trailing newline, no scene_id, the 16 keys in
  the reference's order (§4.3); a version 1 story with prompt_type and mask_type (§4.1, §4.3).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def dump(rel, value, indent, ensure_ascii):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=indent, ensure_ascii=ensure_ascii)


# ---------------------------------------------------------------------------------------------
# Libbers (libbers/<name>.json)

LIBS = {
    "hair": "long %color% hair",
    "color": "red",
    "café": "crème brûlée ☕",
    "emoji": "smile 😀",
    "Mixed Case": "kept as written",
}
dump("libbers/characters.json", {"libs": LIBS, "delimiter": "%", "max_depth": 10}, 2, False)
dump("libbers/ascii4.json", {"libs": LIBS, "delimiter": "##", "max_depth": 5}, 4, True)
dump("libbers/documented.json", {"lib_dict": {"a": "x", "b": "%a% y"}, "delimiter": "%",
                                 "max_depth": 10}, 2, False)
dump("libbers/get data.json", {"keys": ["a", "b"], "lib_dict": {"a": "x", "b": "%a% y"},
                               "delimiter": "%", "max_depth": 10}, 2, False)
dump("libbers/null libs.json", {"libs": None, "delimiter": "%", "max_depth": 10}, 2, False)
dump("libbers/empty.json", {"libs": {}, "delimiter": "%", "max_depth": 10}, 2, False)

# ---------------------------------------------------------------------------------------------
# Scenes (scenes/<name>/...)

PEOPLE = {
    "people": [
        {
            "pose_keypoints_2d": [0.5, 0.25, 1.0, 0.4, 0.3, 0.9],
            "face_keypoints_2d": [],
            "hand_left_keypoints_2d": None,
        }
    ],
    "canvas_width": 832,
    "canvas_height": 1216,
}
STACK = [
    {
        "lora": "detail_tweaker.safetensors",
        "model_target": "Wan2.2-Wrapper-High",
        "strength_model": 0.8,
        "strength_clip": 1.0,
        "enabled": True,
        "blocks": {"double_blocks.0": 1.0},
        "layer_filter": "",
        "low_mem_load": False,
        "merge_loras": False,
    },
    {
        "lora": "ñandú_style.safetensors",
        "model_target": "Wan2.2-Wrapper-Low",
        "strength_model": 1.25,
        "strength_clip": 0.5,
        "enabled": False,
        "blocks": {},
        "layer_filter": "attn",
        "low_mem_load": True,
        "merge_loras": True,
        "future_field": {"kept": [1, 2]},
    },
]
V2_PROMPTS = {
    "version": 2,
    "prompts": {
        "girl_pos": {"value": "a woman, smiling, café", "category": "character",
                     "description": None, "tags": ["face"], "processing_type": "raw",
                     "libber_name": None},
        "wan_prompt": "slow pan 😀",
    },
    "compositions": {"main": ["girl_pos", "wan_prompt"]},
}
V1_PROMPTS = {
    "girl_pos": "a woman, smiling, café",
    "male_pos": "",
    "wan_prompt": "slow pan 😀",
    "wan_low_prompt": "",
    "four_image_prompt": "four",
}
LEGACY_LORAS = {
    "high": [
        {"lora_name": "detail_tweaker.safetensors", "strength": 0.8,
         "blocks": {"double_blocks.0": 1.0}, "layer_filter": "", "low_mem_load": False,
         "merge_loras": False},
        {"lora_name": "none", "strength": 1.0},
        {"lora_name": "", "strength": 1.0},
    ],
    "low": [
        {"lora_name": "ñandú_style.safetensors", "strength": 1.25, "layer_filter": "attn",
         "low_mem_load": True, "merge_loras": True},
        {"lora_name": "NONE"},
    ],
}

# save_all: prompts, pose and lora_stack through save_json_file (indent 4, raw non-ASCII)
dump("scenes/reference/prompts.json", V2_PROMPTS, 4, False)
dump("scenes/reference/pose.json", PEOPLE, 4, False)
dump("scenes/reference/lora_stack.json", STACK, 4, False)

# an old scene: v1 prompts, legacy loras.json, a plain-list pose
dump("scenes/legacy/prompts.json", V1_PROMPTS, 4, False)
dump("scenes/legacy/loras.json", LEGACY_LORAS, 4, False)
dump("scenes/legacy/pose.json", [[0.5, 0.25, 1.0], [0.4, 0.3, 0.9]], 4, False)

# both LoRA files: lora_stack.json wins, loras.json is ignored (and kept)
dump("scenes/both loras/lora_stack.json", STACK[:1], 2, True)
dump("scenes/both loras/loras.json", LEGACY_LORAS, 2, True)
dump("scenes/both loras/pose.json", {}, 2, True)

# json.dump defaults a user might use: indent 2, ensure_ascii on
dump("scenes/ascii/prompts.json", V2_PROMPTS, 2, True)
dump("scenes/ascii/lora_stack.json", STACK, 2, True)
dump("scenes/ascii/pose.json", {"people": []}, 2, True)

# the pose bug of utils/io.load_json_file: pose_json '"{}"' saved as a JSON string
dump("scenes/pose string/pose.json", "{}", 4, False)

# ---------------------------------------------------------------------------------------------
# Stories (stories/<name>/story.json)

SCENE_KEYS = ["scene_name", "scene_order", "mask_name", "mask_background", "prompt_source",
              "prompt_key", "custom_prompt", "video_prompt_source", "video_prompt_key",
              "video_custom_prompt", "depth_type", "pose_type", "use_depth", "use_mask",
              "use_pose", "use_canny"]


def scene(name, order, **kw):
    s = {"scene_name": name, "scene_order": order, "mask_name": "", "mask_background": True,
         "prompt_source": "prompt", "prompt_key": "", "custom_prompt": "",
         "video_prompt_source": "auto", "video_prompt_key": "", "video_custom_prompt": "",
         "depth_type": "depth", "pose_type": "open", "use_depth": False, "use_mask": False,
         "use_pose": False, "use_canny": False}
    s.update(kw)
    assert list(s) == SCENE_KEYS
    return s


dump("stories/reference/story.json", {
    "version": 2,
    "story_name": "reference",
    "story_dir": "/ComfyUI/output/stories/reference",
    "scenes": [
        scene("opening", 0, prompt_key="girl_pos", use_depth=True),
        scene("café scene", 1, mask_name="face", mask_background=False,
              prompt_source="custom", custom_prompt="a quiet café ☕", use_mask=True),
        scene("opening", 2, prompt_source="composition", prompt_key="main",
              video_prompt_source="prompt", video_prompt_key="wan_prompt", pose_type="dw",
              use_pose=True, use_canny=True),
    ],
}, 2, False)

dump("stories/version one/story.json", {
    "version": 1,
    "story_name": "version one",
    "story_dir": "stories/version one",
    "scenes": [
        {"scene_name": "a", "scene_order": 0, "prompt_type": "custom",
         "custom_prompt": "hello", "mask_type": "face_no_bg"},
        {"scene_name": "b", "scene_order": 1, "prompt_type": "girl_pos",
         "prompt_source": "composition", "mask_type": "body"},
        {"scene_name": "c", "scene_order": "2"},
    ],
}, 4, True)
