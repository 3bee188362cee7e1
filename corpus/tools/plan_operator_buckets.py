"""Plans the nibble kernel's operator buckets for the built-in rules from measured text.

The keys the hand-written kernel groups do not cover (the keyed rules', the secrets pack's,
a few core secrets') run in up to two more groups of eight buckets (OperatorBuckets). A bucket
is three byte sets at offsets 0 to 2, tested through nibble tables, so merging two keys into
one bucket also fires on every cross product of their bytes (and of their nibbles). Which
keys share a bucket decides how often the SIMD stage wakes the hit path for nothing.

The engine merges by a byte-frequency model (LaneTest.frequency), which is blind to which
letters follow which. This script merges by measured trigram counts instead: it reads the
keys from `veil rules list --simd`, counts every trigram of the corpora given, and merges the
pair of buckets whose merge adds the fewest firing positions, until sixteen remain. It
writes Sources/ScanCore/Prefilter/OperatorPlan.swift: the engine starts from these buckets
(each holds the keys it covers), so the plan is only a performance choice; the tests prove
the kernel fires wherever a probe passes, whatever the plan.

    veil corpus generate --size 4M --seed 1 --out /tmp/plan-corpus   # and independent ones
    python3 corpus/tools/plan_operator_buckets.py --veil .build/release/veil \\
        --out Sources/ScanCore/Prefilter/OperatorPlan.swift /tmp/plan-corpus/*.data /tmp/ind/*.data

Needs numpy. Prints each bucket's measured firing rate per MiB, averaged over the corpora.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import numpy as np


def parse_set(tok: str) -> set[int]:
    """A ByteSet's description (`[a-s]`, `[\\x2D]`, `[Aa]`, `[%-z]`) as a set of bytes."""
    assert tok[0] == "[" and tok[-1] == "]", tok
    body, out, i = tok[1:-1], set(), 0

    def char(i: int) -> tuple[int, int]:
        if body[i] == "\\" and body[i + 1] == "x":
            return int(body[i + 2:i + 4], 16), i + 4
        return ord(body[i]), i + 1

    while i < len(body):
        a, i = char(i)
        if i < len(body) - 1 and body[i] == "-":
            b, i = char(i + 1)
            out |= set(range(a, b + 1))
        else:
            out.add(a)
    return out


def nibble_closure(s: set[int]) -> np.ndarray:
    """The bytes that one offset's nibble tables for `s` let through."""
    lo = {b & 15 for b in s}
    hi = {b >> 4 for b in s}
    lut = np.zeros(256, dtype=bool)
    for b in range(256):
        lut[b] = (b & 15) in lo and (b >> 4) in hi
    return lut


class Trigrams:
    """Trigram counts of the corpora, per MiB of each corpus."""

    def __init__(self, files: list[str]):
        grams: dict[int, np.ndarray] = {}
        for k, f in enumerate(files):
            d = np.frombuffer(open(f, "rb").read(), dtype=np.uint8).astype(np.uint32)
            idx = (d[:-2] << 16) | (d[1:-1] << 8) | d[2:]
            u, c = np.unique(idx, return_counts=True)
            for a, n in zip(u.tolist(), c.tolist()):
                grams.setdefault(a, np.zeros(len(files)))[k] += n / len(d) * 1048576
        g = np.array(list(grams.keys()), dtype=np.uint32)
        self.weight = np.array(list(grams.values()))   # trigram x corpus, per MiB
        self.cols = [((g >> s) & 255).astype(np.int64) for s in (16, 8, 0)]

    def rates(self, sets: list[set[int]]) -> np.ndarray:
        """Firing positions per MiB in each corpus."""
        m = np.ones(len(self.weight), dtype=bool)
        for o in range(3):
            m &= nibble_closure(sets[o])[self.cols[o]]
        return self.weight[m].sum(axis=0)

    def rate(self, sets: list[set[int]]) -> float:
        """The planning cost: the mean over the corpora plus the worst one, so that a bucket
        that floods one kind of text (UUIDs in logs) is not hidden by the others."""
        r = self.rates(sets)
        return float(r.mean() + r.max())


def swift_set(s: set[int]) -> str:
    shown = "".join(chr(b) if 0x21 <= b < 0x7F and chr(b) not in "\\\"" else "." for b in sorted(s))
    return "ByteSet([" + ", ".join(f"0x{b:02X}" for b in sorted(s)) + "])" + (f"  /* {shown} */" if len(s) <= 24 else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--veil", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--buckets", type=int, default=16)
    ap.add_argument("corpora", nargs="+")
    args = ap.parse_args()
    plan = subprocess.run([args.veil, "rules", "list", "--simd"], check=True, capture_output=True, text=True).stdout
    keys = [[parse_set(t) for t in line.split("\t")[1].split()] for line in plan.splitlines() if line.startswith("key\t")]
    if not keys:
        sys.exit("no operator keys in `veil rules list --simd`")
    tri = Trigrams(args.corpora)
    buckets = [[set(s) for s in k] for k in keys]
    rates = [tri.rate(b) for b in buckets]
    while len(buckets) > args.buckets:
        best = None
        for i in range(len(buckets)):
            for j in range(i + 1, len(buckets)):
                merged = [buckets[i][o] | buckets[j][o] for o in range(3)]
                cost = tri.rate(merged) - rates[i] - rates[j]
                if best is None or cost < best[0]:
                    best = (cost, i, j, merged)
        _, i, j, merged = best
        buckets = [b for k, b in enumerate(buckets) if k not in (i, j)] + [merged]
        rates = [r for k, r in enumerate(rates) if k not in (i, j)] + [tri.rate(merged)]
    # Then local search: move one key to another bucket while that lowers the total cost
    # (greedy merging alone depends on the order of its first merges).
    owner = {}
    for k in range(len(keys)):
        owner[k] = next(i for i, b in enumerate(buckets) if all(keys[k][o] <= b[o] for o in range(3)))
    def union(ks):
        return [set().union(*(keys[k][o] for k in ks)) for o in range(3)] if ks else [set(), set(), set()]
    groups = [[k for k in owner if owner[k] == i] for i in range(len(buckets))]
    cost = [tri.rate(union(g)) if g else 0.0 for g in groups]
    for _ in range(4):
        moved = False
        for k in range(len(keys)):
            src = owner[k]
            rest = [x for x in groups[src] if x != k]
            rest_cost = tri.rate(union(rest)) if rest else 0.0
            best = (0.0, None, None)
            for dst in range(len(groups)):
                if dst == src:
                    continue
                new = tri.rate(union(groups[dst] + [k]))
                gain = cost[src] + cost[dst] - rest_cost - new
                if gain > best[0] + 1e-9:
                    best = (gain, dst, new)
            if best[1] is not None:
                dst = best[1]
                groups[src] = rest; cost[src] = rest_cost
                groups[dst] = groups[dst] + [k]; cost[dst] = best[2]
                owner[k] = dst
                moved = True
        if not moved:
            break
    buckets = [union(g) for g in groups if g]
    total = sum(tri.rates(b) for b in buckets)
    alone = sum(tri.rates(k) for k in keys)
    for b in buckets:
        print(" ".join(f"{x:6.0f}" for x in tri.rates(b)) + "  " + " ".join("".join(chr(c) if 32 < c < 127 else "." for c in sorted(s))[:16] for s in b))
    print(" ".join(f"{x:6.0f}" for x in total) + f"  per MiB per corpus ({', '.join(args.corpora)})")
    print(" ".join(f"{x:6.0f}" for x in alone) + f"  with each of the {len(keys)} keys in a bucket of its own")
    mean_total, mean_alone = float(total.mean()), float(alone.mean())
    lines = [
        "// Generated by corpus/tools/plan_operator_buckets.py; do not edit by hand.",
        f"// {len(keys)} keys in {len(buckets)} buckets, planned on {len(args.corpora)} corpora:",
        f"// {mean_total:.0f} firing positions per MiB, averaged (each key alone: {mean_alone:.0f}).",
        "",
        "/// The operator buckets planned for the built-in rules' keys from measured trigram counts",
        "/// (corpus/tools/plan_operator_buckets.py). ``OperatorBuckets/plan(_:seeds:)`` starts from",
        "/// them: each key goes into the first of these that covers its byte sets, and the keys",
        "/// none covers (a rule file's) are merged by the byte-frequency model as before. A",
        "/// performance choice only: whatever the plan, a bucket covers every key placed in it.",
        "enum OperatorPlan {",
        "    static let seeds: [[ByteSet]] = [",
    ]
    for b in buckets:
        lines.append("        [" + ",\n         ".join(swift_set(s) for s in b) + "],")
    lines += ["    ]", "}", ""]
    with open(args.out, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
