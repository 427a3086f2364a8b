#!/usr/bin/env python3
"""Generates golden.json: outputs of the Python reference Libber.substitute.

The function below is the reference algorithm (fbTools extension.py:1406-1433, release 1.23.0),
copied without change of behaviour. Cases are random but seeded, so rerunning this script
(python3 generate_golden.py > golden.json) reproduces the file byte for byte on CPython 3.11.
"""
import json
import random
import re


class Libber:
    def __init__(self, lib_dict=None, delimiter="%", max_depth=10):
        self.libs = lib_dict or {}
        self.delimiter = delimiter
        self.max_depth = max_depth

    def substitute(self, text, depth=0):
        if depth >= self.max_depth:
            return text
        pattern = re.escape(self.delimiter) + r"([a-z0-9_]+)" + re.escape(self.delimiter)

        def repl(match):
            key = match.group(1)
            if key in self.libs:
                return self.substitute(self.libs[key], depth + 1)
            return match.group(0)

        return re.sub(pattern, repl, text)


FIXED = [
    ({"a": "A"}, "%", 10, "%a%b%"),
    ({"a": "A"}, "%", 10, "%%a%%"),
    ({"b": "B"}, "%", 10, "%x%b%"),
    ({"a": "$1 \\1 \\g<0>"}, "%", 10, "[%a%]"),
    ({"cat": "dog"}, "", 10, "a category with a cat"),
    ({"my_key": "V", "my": "no"}, "_", 10, "_my_key_"),
    ({"a": "A", "b": "B"}, "<<>>", 10, "<<>>a<<>><<>>b<<>>"),
    ({"a": "A"}, "$", 10, "$a$ and $$a$$"),
    ({"a": "A"}, ".", 10, ".a. x.a.y"),
    ({"a": "A"}, "|", 10, "|a||a|"),
    ({"a": "A"}, "{{", 10, "{{a{{ {{b{{"),
    ({"a": "A"}, "%%", 10, "%%a%% %%%a%%%"),
    ({"a": "%a%"}, "%", 10, "%a%"),
    ({"a": "x%a%"}, "%", 10, "%a%"),
    ({"a": "A %b%", "b": "B %c%", "c": "C %a%"}, "%", 10, "x %a% y"),
    ({"a": "%b%", "b": "%a%"}, "%", 5, "%a%"),
    ({"a": "%a%%a%"}, "%", 10, "%a%"),
    ({"a": "A"}, "%", 0, "%a%"),
    ({"a": "%b%", "b": "B"}, "%", 1, "%a%"),
    ({"Foo": "F", "a-b": "D", "café": "C"}, "%", 10, "%Foo% %a-b% %café%"),
]

KEYS = ["a", "b", "c", "ab", "a_b", "k1", "_", "x"]
TOKENS = ["a", "b", "c", "x", " ", "_", "ab", "A", "-", "é", "$", "\\", "\U0001F600", "1"]


def rand_text(r, delim, n):
    out = []
    for _ in range(n):
        t = r.random()
        if t < 0.3:
            out.append(delim + r.choice(KEYS + ["zz"]) + delim)
        elif t < 0.45:
            out.append(delim)
        else:
            out.append(r.choice(TOKENS))
    return "".join(out)


def main():
    r = random.Random(20240601)
    cases = []
    for libs, delim, depth, text in FIXED:
        cases.append((libs, delim, depth, text))
    delims = ["%", "%", "%", "%%", "<<>>", "$", ".", "|", "{{", "_", "", "a", "x%", "<", "\U0001F600"]
    while len(cases) < 300:
        delim = r.choice(delims)
        libs = {}
        for _ in range(r.randint(0, 5)):
            libs[r.choice(KEYS)] = rand_text(r, delim, r.randint(0, 4))
        depth = r.choice([0, 1, 2, 3, 4, 5, 6, 10])
        text = rand_text(r, delim, r.randint(0, 12))
        cases.append((libs, delim, depth, text))
    out = []
    for libs, delim, depth, text in cases:
        lib = Libber(dict(libs), delim, depth)
        expected = lib.substitute(text)
        if len(expected) > 20000:
            continue
        out.append({"libs": libs, "delimiter": delim, "max_depth": depth, "text": text,
                    "expected": expected})
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
