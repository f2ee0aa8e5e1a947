"""Oracle for Convener's matching tests: networkx and scipy answers for a JSON batch.

Reads one JSON object on stdin: {"cases": [case, ...]} where a case is either
  {"kind": "matching", "n": N, "edges": [[a, b, w], ...], "maxcardinality": bool}
or
  {"kind": "assignment", "capacities": [c, ...], "mentees": M,
   "weights": [[w or null, ...] per mentor], "maxcardinality": bool}
Writes {"answers": [{"total": int, "cardinality": int}, ...]} on stdout, in the same order.
"""

import json
import sys

import networkx as nx
import numpy as np
from scipy.optimize import linear_sum_assignment


def solve_matching(case):
    graph = nx.Graph()
    graph.add_nodes_from(range(case["n"]))
    for a, b, w in case["edges"]:
        if a == b:
            continue
        if graph.has_edge(a, b) and graph[a][b]["weight"] >= w:
            continue
        graph.add_edge(a, b, weight=w)
    mates = nx.max_weight_matching(graph, maxcardinality=case["maxcardinality"])
    total = sum(graph[a][b]["weight"] for a, b in mates)
    return {"total": int(total), "cardinality": len(mates)}


def solve_assignment(case):
    capacities = case["capacities"]
    mentees = case["mentees"]
    weights = case["weights"]
    slots = [m for m, c in enumerate(capacities) for _ in range(c)]
    if mentees == 0 or not slots:
        return {"total": 0, "cardinality": 0}
    magnitude = max([abs(w) for row in weights for w in row if w is not None], default=0)
    # Max-cardinality: a bonus larger than any weight difference makes every assignment worth more
    # than any set of fewer assignments.
    bonus = (2 * magnitude * mentees + 1) if case["maxcardinality"] else 0
    forbidden = -1e15
    # Rows are mentees; columns are mentor slots, then one "unassigned" column per mentee (value 0).
    matrix = np.full((mentees, len(slots) + mentees), forbidden)
    for col, mentor in enumerate(slots):
        for mentee in range(mentees):
            w = weights[mentor][mentee]
            if w is not None:
                matrix[mentee, col] = w + bonus
    for mentee in range(mentees):
        matrix[mentee, len(slots) + mentee] = 0.0
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    total = 0
    count = 0
    for mentee, col in zip(rows, cols):
        if col < len(slots):
            w = weights[slots[col]][mentee]
            if w is None:
                raise ValueError("oracle chose a forbidden pair")
            total += w
            count += 1
    return {"total": int(total), "cardinality": count}


def main():
    batch = json.load(sys.stdin)
    answers = []
    for case in batch["cases"]:
        if case["kind"] == "matching":
            answers.append(solve_matching(case))
        elif case["kind"] == "assignment":
            answers.append(solve_assignment(case))
        else:
            raise ValueError("unknown case kind: " + str(case["kind"]))
    json.dump({"answers": answers}, sys.stdout)


if __name__ == "__main__":
    main()
