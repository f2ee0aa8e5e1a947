"""Scans a state folder for anything that puts a participant's member id next to a poll or survey id.

JSON-lines files (the journal) are checked record by record, other JSON files (the snapshot) item by item (each
list item and each member-keyed entry on its own), anything else line by line. `exempt` names nodes that link
nobody (a survey invitation is the same for every member, answered or not)."""

import json
import pathlib


def strings(value, exempt):
    """Every key and scalar under `value` as text, leaving exempt nodes out."""
    if exempt(value):
        return
    if isinstance(value, dict):
        for key, child in value.items():
            yield str(key)
            yield from strings(child, exempt)
    elif isinstance(value, list):
        for child in value:
            yield from strings(child, exempt)
    elif value is not None:
        yield str(value)


def names_both(value, ids, pattern, exempt):
    words = list(strings(value, exempt))
    return any(pattern.search(w) for w in words) and any(i in w for w in words for i in ids)


def links(node, ids, pattern, exempt, path="$"):
    """Paths of list items and member-keyed entries that hold both a participant id and the poll or survey id."""
    found = []
    if exempt(node):
        return found
    if isinstance(node, list):
        for index, child in enumerate(node):
            if names_both(child, ids, pattern, exempt):
                found.append(f"{path}[{index}]")
            found += links(child, ids, pattern, exempt, f"{path}[{index}]")
    elif isinstance(node, dict):
        for key, child in node.items():
            if key in ids and any(pattern.search(w) for w in strings(child, exempt)):
                found.append(f"{path}.{key}")
            found += links(child, ids, pattern, exempt, f"{path}.{key}")
    return found


def scan_state_folder(state_dir, ids, pattern, exempt=lambda node: False):
    problems = []
    for file in sorted(pathlib.Path(state_dir).rglob("*")):
        if not file.is_file():
            continue
        text = file.read_text(errors="replace")
        if file.suffix != ".jsonl":
            try:
                problems += [f"{file.name}: {p}" for p in links(json.loads(text), ids, pattern, exempt)]
                continue
            except ValueError:
                pass
        for number, line in enumerate(text.splitlines(), 1):
            try:
                linked = names_both(json.loads(line), ids, pattern, exempt)
            except ValueError:
                linked = bool(pattern.search(line)) and any(i in line for i in ids)
            if linked:
                problems.append(f"{file.name}:{number}: {line[:160]}")
    return problems
