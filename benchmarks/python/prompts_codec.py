#!/usr/bin/env python3
"""Times the Python reference's prompts.json codec on the same bytes as the JMH benchmark.

This is NOT the fbTools source: that is not in this repository. It is a faithful, minimal
re-implementation of fbTools' prompt_models.py (release 1.23.0) as docs/REFERENCE.md §1 describes
it: pydantic v2 models PromptMetadata and PromptCollection, PromptCollection.from_dict (§1.6: the v1
detection rule, the object and array forms of prompts and compositions, entries built field by
field) and to_dict (§1.5: key order, falsy fields left out), plus json.loads and
json.dumps(indent=2, ensure_ascii=False) and a final newline, as the extension reads and writes the
file. Only the code paths this corpus takes matter for the timing; they are the reference's.

    python3 benchmarks/python/prompts_codec.py FILE [--repeat N] [--number N]

Prints one JSON object: the input size, the best and median time per read (json.loads + from_dict)
and per write (to_dict + json.dumps + encode), the MB/s (10^6 bytes per second) of each, and
whether the write gives back exactly the input bytes (the Java writer's output, which must equal
Python's byte for byte). The machine is shared: the best of many repeats is the steadiest figure.
"""

import json
import statistics
import sys
import time
from typing import Dict, List, Optional

from pydantic import BaseModel, Field


class PromptMetadata(BaseModel):
    value: str
    category: Optional[str] = None
    description: Optional[str] = None
    tags: Optional[List[str]] = None
    processing_type: str = "raw"
    libber_name: Optional[str] = None


class PromptCollection(BaseModel):
    version: int = 2
    v1_backup: Optional[dict] = None
    prompts: Dict[str, PromptMetadata] = Field(default_factory=dict)
    compositions: Dict[str, List[str]] = Field(default_factory=dict)
    scene_flags: Optional[dict] = None

    @classmethod
    def from_legacy_dict(cls, legacy: dict) -> "PromptCollection":
        prompts = {}
        for key, value in legacy.items():
            if isinstance(value, str) and value:
                prompts[key] = PromptMetadata(
                    value=value, category="legacy", processing_type="raw", libber_name=None
                )
        return cls(version=2, v1_backup=dict(legacy), prompts=prompts, compositions={})

    @staticmethod
    def _entry(data: dict) -> PromptMetadata:
        return PromptMetadata(
            value=data.get("value", ""),
            category=data.get("category"),
            description=data.get("description"),
            tags=data.get("tags"),
            processing_type=data.get("processing_type", "raw"),
            libber_name=data.get("libber_name"),
        )

    @classmethod
    def from_dict(cls, data: dict) -> "PromptCollection":
        version = data.get("version", 1)
        if version == 1 or ("prompts" not in data and "compositions" not in data):
            return cls.from_legacy_dict(data)
        prompts = {}
        raw = data.get("prompts")
        if isinstance(raw, dict):
            for key, entry in raw.items():
                if isinstance(entry, str):
                    prompts[key] = PromptMetadata(value=entry)
                elif isinstance(entry, dict):
                    prompts[key] = cls._entry(entry)
        elif isinstance(raw, list):
            for item in raw:
                if isinstance(item, dict) and "key" in item:
                    prompts[item["key"]] = cls._entry(item)
        compositions = {}
        raw = data.get("compositions")
        if isinstance(raw, dict):
            compositions = raw
        elif isinstance(raw, list):
            for item in raw:
                if isinstance(item, dict) and "name" in item:
                    compositions[item["name"]] = item.get("prompt_keys", [])
        return cls(
            version=2,
            prompts=prompts,
            compositions=compositions,
            v1_backup=data.get("v1_backup"),
            scene_flags=data.get("scene_flags"),
        )

    def to_dict(self) -> dict:
        prompts = {}
        for key, meta in self.prompts.items():
            entry = {"value": meta.value, "processing_type": meta.processing_type}
            if meta.category:
                entry["category"] = meta.category
            if meta.description:
                entry["description"] = meta.description
            if meta.tags:
                entry["tags"] = meta.tags
            if meta.libber_name:
                entry["libber_name"] = meta.libber_name
            prompts[key] = entry
        out = {"version": self.version, "prompts": prompts, "compositions": self.compositions}
        if self.v1_backup is not None:
            out["v1_backup"] = self.v1_backup
        if self.scene_flags is not None:
            out["scene_flags"] = self.scene_flags
        return out


def read(data: bytes) -> PromptCollection:
    return PromptCollection.from_dict(json.loads(data))


def write(collection: PromptCollection) -> bytes:
    return (json.dumps(collection.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def timed(fn, number: int, repeat: int) -> List[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return times


def main(argv: List[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[0]
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 30
    number = int(argv[argv.index("--number") + 1]) if "--number" in argv else 10
    with open(path, "rb") as f:
        data = f.read()
    collection = read(data)
    written = write(collection)
    for _ in range(number):  # warm-up
        write(read(data))
    reads = timed(lambda: read(data), number, repeat)
    writes = timed(lambda: write(collection), number, repeat)
    size = len(data)
    result = {
        "file": path,
        "bytes": size,
        "prompts": len(collection.prompts),
        "compositions": len(collection.compositions),
        "python": sys.version.split()[0],
        "pydantic": __import__("pydantic").VERSION,
        "repeat": repeat,
        "number": number,
        "read_us_best": min(reads) * 1e6,
        "read_us_median": statistics.median(reads) * 1e6,
        "write_us_best": min(writes) * 1e6,
        "write_us_median": statistics.median(writes) * 1e6,
        "read_mb_s_best": size / min(reads) / 1e6,
        "write_mb_s_best": size / min(writes) / 1e6,
        "write_is_byte_identical": written == data,
    }
    print(json.dumps(result, indent=2))
    return 0 if written == data else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
