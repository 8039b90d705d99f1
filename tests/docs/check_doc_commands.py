#!/usr/bin/env python3
"""Checks that every kdtrain command in the README and docs/ works as written from the
repository root: each `build/app/kdtrain ...` line of a code block (and each such command in
backticks) is run with --dry-run, which parses the options, reads and validates the files they
name (experiments, sweeps, checkpoints) and stops before training or writing anything.

A command may name the run folder the built-in experiment writes, `kdtrain-out/`: the check
provides it as the committed example run (tests/formats/v1/run). Usage text (a line with
`[`, `|`, `<` or `...`) is not a command and is skipped.

Usage: check_doc_commands.py SOURCE_DIR KDTRAIN
"""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

PROGRAM = "build/app/kdtrain"


def commands(text):
    """(line number, command) for each kdtrain command in a markdown text."""
    found = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start, line = i + 1, lines[i]
        while line.endswith("\\") and i + 1 < len(lines):  # a continued shell line
            i += 1
            line = line[:-1] + " " + lines[i].strip()
        i += 1
        if line.startswith("    ") and PROGRAM in line:  # an indented code block
            command = line[line.index(PROGRAM):]
            command = re.sub(r"\s+#.*$", "", command)  # a trailing comment
            found.append((start, command.strip()))
        else:
            found += [(start, m) for m in re.findall(r"`(%s[^`]*)`" % re.escape(PROGRAM), line)]
    return [(n, c) for n, c in found if not re.search(r"\[|\||<|\.\.\.|…", c)]


def workspace(source, kdtrain):
    """A folder that looks like the repository root after a build and one default run."""
    work = tempfile.mkdtemp(prefix="kd-doc-commands-")
    for name in ("docs", "resources", "scripts", "tests"):
        os.symlink(os.path.join(source, name), os.path.join(work, name))
    os.makedirs(os.path.join(work, "build", "app"))
    os.symlink(os.path.abspath(kdtrain), os.path.join(work, PROGRAM))
    shutil.copytree(os.path.join(source, "tests", "formats", "v1", "run"),
                    os.path.join(work, "kdtrain-out"))
    return work


def main():
    source, kdtrain = os.path.abspath(sys.argv[1]), sys.argv[2]
    files = [os.path.join(source, "README.md"), os.path.join(source, "CONTRIBUTING.md")]
    files += sorted(glob.glob(os.path.join(source, "docs", "*.md")))
    work = workspace(source, kdtrain)
    checked, failed = 0, 0
    try:
        for path in files:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for number, command in commands(text):
                checked += 1
                argv = shlex.split(command) + ["--dry-run"]
                run = subprocess.run(argv, cwd=work, capture_output=True, text=True, timeout=300)
                where = "%s:%d" % (os.path.relpath(path, source), number)
                if run.returncode != 0:
                    failed += 1
                    print("FAIL %s: %s\n     %s" % (where, command, run.stderr.strip()))
                else:
                    print("ok   %s: %s" % (where, command))
    finally:
        shutil.rmtree(work)
    print("%d passed, %d failed" % (checked - failed, failed))
    if checked == 0:
        print("no kdtrain command found: the extraction is broken")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
