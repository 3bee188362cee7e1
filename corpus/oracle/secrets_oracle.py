"""Scores `veil scan` on secrets it did not write: gitleaks' own true and false positives, and
generated tokens of every family of the secrets pack with a seed chosen at run time.

Sources:
- `gitleaks_cases.jsonl` (next to this file): the `tps`/`fps` that gitleaks' rule
  constructors (`cmd/generate/config/rules/*.go`, gitleaks b58d3f1) pass to their own
  validation, extracted by `corpus/tools/check_secret_patterns.py --build-gitleaks-cases`
  (gitleaks' reggen made the random parts). Only the rules that map to one of Veil's are
  kept (`GITLEAKS_MAP`). Nothing in it is a real credential.
- `corpus/tools/secret_samples.py`: a generator per family, and hard negatives.

Every value is planted on a line of its own. A gitleaks case is a line of code around the
secret (`"ghToken" => "ghp_…"`) and counts as found when a finding overlaps it; a generated
sample counts when a finding of its own rule covers exactly the secret. Excluded by decision (docs/RULES.md, "Secrets"), and counted apart:
- `placeholder`: the match looks like a placeholder to the token validator (fewer than four
  distinct bytes among its last 16: gitleaks' `AGE-SECRET-KEY-1QQQ…`);
- `not_jwt`: a "JWT" whose parts do not start with `eyJ` (base64 of `{"`): not a JWT;
- `not_shipped`: Atlassian's keyed 24-character form and Vault's legacy `s.` tokens.

    python3 corpus/oracle/secrets_oracle.py --veil .build/release/veil --seed N

Prints one JSON object: per Veil rule, gitleaks tps found/total, excluded, fps flagged; and
the generated samples found with their own rule, the hard negatives flagged. Standard
library only (plus libpcre2-8 for the harness the samples share).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../tools"))
import check_secret_patterns as C  # noqa: E402
import secret_samples as S  # noqa: E402


def excluded(rule: str, gitleaks_rule: str, text: str) -> str | None:
    if gitleaks_rule == "atlassian-api-token" and "ATATT3" not in text:
        return "not_shipped"
    if gitleaks_rule == "vault-service-token" and "hvs." not in text:
        return "not_shipped"
    if rule == "jwt" and "eyJ" not in text:
        return "not_jwt"
    if rule not in ("jwt", "private_key", "aws_access_key"):
        pat = C.Pattern(next(r["pattern"] for r in C.RULES if r["name"] == rule))
        hits = list(pat.finditer(text.encode()))
        if hits and not any(C.token_validator(text.encode()[w[0]:w[1]]) for w, _ in hits):
            return "placeholder"
    return None


def scan(veil: str, doc: bytes) -> list[dict]:
    run = subprocess.run([veil, "scan"], input=doc, capture_output=True, check=True)
    return [json.loads(line) for line in run.stdout.decode().splitlines()]


def near(findings: list[dict], starts: list[int], a: int, b: int) -> list[dict]:
    """The findings that overlap `a..<b` (findings are sorted and never overlap each other)."""
    i = max(0, bisect.bisect_left(starts, a) - 1)
    out = []
    while i < len(findings) and findings[i]["start"] < b:
        if findings[i]["end"] > a:
            out.append(findings[i])
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--veil", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("-n", type=int, default=20, help="generated samples per family")
    args = ap.parse_args()

    doc = bytearray()
    spans = []   # (start, end, kind, veil rule, detail)
    for line in open(os.path.join(HERE, "gitleaks_cases.jsonl")):
        case = json.loads(line)
        ours = C.GITLEAKS_MAP.get(case["rule"])
        if ours is None:
            continue
        for kind in ("tps", "fps"):
            for t in case[kind]:
                a = len(doc)
                doc += t.encode()
                spans.append((a, len(doc), kind, ours, case["rule"], t))
                doc += b"\n\n"
    rng = random.Random(args.seed)
    contexts = ["{}", "token: {}", '"key": "{}"', "x {}, y", "({})", "'{}';", "Authorization: token {}"]
    for c in S.cases(rng, args.n):
        text = rng.choice(contexts).format(c.text).encode()
        base = len(doc) + text.find(c.text.encode()) + c.text.encode().find(c.secret.encode())
        doc += text
        spans.append((base, base + len(c.secret.encode()), "sample", c.rule, c.family, ""))
        doc += b"\n\n"
    for why, text in S.HARD_NEGATIVES:
        a = len(doc)
        doc += text.encode()
        spans.append((a, len(doc), "negative", "", why, ""))
        doc += b"\n\n"

    findings = scan(args.veil, bytes(doc))
    starts = [f["start"] for f in findings]
    def overlapping(_f, a, b): return near(findings, starts, a, b)
    def covered(_f, a, b): return [f for f in near(findings, starts, a, b) if f["start"] <= a and f["end"] >= b]
    rules = defaultdict(Counter)
    samples = Counter()
    missed_samples = Counter()
    negatives_flagged = []
    missed = defaultdict(list)
    for a, b, kind, rule, detail, text in spans:
        if kind == "tps":
            r = rules[rule]
            r["tps"] += 1
            why = excluded(rule, detail, text)
            # A case is a line of code or config around the secret: found when a finding
            # overlaps it (keyed forms mask the value only).
            if overlapping(findings, a, b):
                r["found"] += 1
            elif why:
                r[why] += 1
            else:
                r["missed"] += 1
                missed[rule].append(detail)
        elif kind == "fps":
            rules[rule]["fps"] += 1
            rules[rule]["fps_flagged"] += bool(overlapping(findings, a, b))
        elif kind == "sample":
            samples["total"] += 1
            if any(f["rule"] == rule for f in covered(findings, a, b)):
                samples["found"] += 1
            else:
                missed_samples[detail] += 1
        else:
            if any(f["type"] in ("API_TOKEN", "AWS_SECRET_KEY", "AWS_ACCESS_KEY", "PRIVATE_KEY", "JWT") for f in overlapping(findings, a, b)):
                negatives_flagged.append(detail)
    print(json.dumps({
        "seed": args.seed,
        "gitleaks": {k: dict(v) for k, v in sorted(rules.items())},
        "gitleaks_missed": {k: dict(Counter(v)) for k, v in missed.items()},
        "samples": dict(samples), "samples_missed": dict(missed_samples),
        "negatives": len(S.HARD_NEGATIVES), "negatives_flagged": negatives_flagged,
    }, indent=1))


if __name__ == "__main__":
    main()
