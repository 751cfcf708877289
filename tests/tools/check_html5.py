#!/usr/bin/python3
"""Checks that each FILE is valid HTML5: html5lib's parser in strict mode (Debian's python3-html5lib), which stops
at the first parse error, then HTML Tidy (Debian's tidy, HTML5 aware) with -errors, which also reports warnings
such as proprietary attributes. Prints every problem with the file and position; exit 1 when there is any."""
import subprocess
import sys

import html5lib


def check(path):
    problems = []
    with open(path, "rb") as stream:
        data = stream.read()
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(data)
    except html5lib.html5parser.ParseError as error:
        (line, column), code, details = parser.errors[-1]
        problems.append(f"{path}:{line}:{column}: html5lib: {code} {details or ''}".rstrip())
    tidy = subprocess.run(["tidy", "-errors", "-quiet", path], capture_output=True, text=True)
    if tidy.returncode != 0:
        problems += [f"{path}: tidy: {line}" for line in tidy.stderr.splitlines() if line.strip()]
    return problems


def main(paths):
    if not paths:
        print("usage: check_html5.py FILE...", file=sys.stderr)
        return 2
    problems = [problem for path in paths for problem in check(path)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
