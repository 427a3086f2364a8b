#!/usr/bin/env python3
"""The anchor of the migration benchmark: a minimal sequential durable v1 -> v2 writer.

For every scene folder directly under ROOT that holds a version 1 prompts.json, one after the
other, with the durable steps of the Python reference's upgrade and nothing else:

  1. read prompts.json and parse it (json.loads);
  2. build the version 2 document as the reference's from_legacy_dict does (non-empty string
     values become prompts {value, processing_type "raw", category "legacy"}; the whole object
     is kept as v1_backup) and serialise it as the reference saves it (indent=2,
     ensure_ascii=False, UTF-8, a final newline);
  3. write prompts.json.v1.backup with O_CREAT|O_EXCL (never over an existing one), the
     original bytes, fsync, close;
  4. write the version 2 bytes to a temporary file in the folder, fsync, close;
  5. rename it over prompts.json;
  6. fsync the folder.

No lock, no leftover sweep, no second folder flush, no re-read, no fingerprint check, no
report: this is the floor that fbtools migrate must not be slower than (issue 15). A file that is
already version 2 (a "version" of 2 or a "prompts"/"compositions" key) is skipped; any error stops
the run. Prints one line: "<scenes> scenes, <migrated> migrated, <seconds> s".

Usage: migrate_min.py ROOT
"""

import json
import os
import sys
import time


def is_v1(data):
    version = data.get("version", 1)
    return version == 1 or ("prompts" not in data and "compositions" not in data)


def to_v2(data):
    prompts = {}
    for key, value in data.items():
        if isinstance(value, str) and value:
            prompts[key] = {"value": value, "processing_type": "raw", "category": "legacy"}
    return {"version": 2, "prompts": prompts, "compositions": {}, "v1_backup": dict(data)}


def write_fully(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def migrate_scene(scene):
    path = os.path.join(scene, "prompts.json")
    with open(path, "rb") as f:
        original = f.read()
    data = json.loads(original)
    if not is_v1(data):
        return False
    v2 = (json.dumps(to_v2(data), indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    backup = os.open(path + ".v1.backup", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        write_fully(backup, original)
        os.fsync(backup)
    finally:
        os.close(backup)

    temp = path + ".%d.tmp" % os.getpid()
    out = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        write_fully(out, v2)
        os.fsync(out)
    finally:
        os.close(out)
    os.rename(temp, path)

    folder = os.open(scene, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    return True


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    root = argv[1]
    start = time.perf_counter()
    scenes = sorted(
        e.path for e in os.scandir(root) if e.is_dir(follow_symlinks=False)
        and os.path.exists(os.path.join(e.path, "prompts.json")))
    migrated = sum(1 for s in scenes if migrate_scene(s))
    seconds = time.perf_counter() - start
    print("%d scenes, %d migrated, %.3f s" % (len(scenes), migrated, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
