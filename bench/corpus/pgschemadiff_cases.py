#!/usr/bin/env python3
"""Extracts stripe/pg-schema-diff's migration acceptance cases from a checkout.

Usage: pgschemadiff_cases.py PG_SCHEMA_DIFF_CHECKOUT OUT_DIR

Each case of internal/migration_acceptance_tests/*_cases_test.go becomes a folder
OUT_DIR/<file stem>__<nnn>__<slug>/ holding old.sql and new.sql (the case's oldSchemaDDL and
newSchemaDDL joined) and meta.json (name, roles, whether pg-schema-diff expects an empty plan or
refuses the plan, the hazards it expects). Nothing of pg-schema-diff is kept in this repository:
the cases are read from the checkout given at run time.
"""
import json
import pathlib
import re
import sys

CASE_START = re.compile(r'^\t\{\s*$', re.M)
NAME = re.compile(r'^\t\tname:\s*"((?:[^"\\]|\\.)*)"', re.M)
BACKTICK = re.compile(r'`([^`]*)`', re.S)
HAZARD = re.compile(r'diff\.(MigrationHazardType\w+)')


def field_block(case: str, field: str):
    """The text of `field: []string{ ... },` at the case's indentation, or None."""
    m = re.search(r'^\t\t' + field + r':\s*\[\][\w.]+\{', case, re.M)
    if not m:
        return None
    depth, i = 1, m.end()
    in_tick = False
    while i < len(case) and depth:
        ch = case[i]
        if ch == '`':
            in_tick = not in_tick
        elif not in_tick and ch == '{':
            depth += 1
        elif not in_tick and ch == '}':
            depth -= 1
        i += 1
    return case[m.end():i - 1]


def split_cases(text: str):
    starts = [m.start() for m in CASE_START.finditer(text)]
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        yield text[s:end]


def statements(block):
    if block is None:
        return ""
    parts = [p.strip() for p in BACKTICK.findall(block)]
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', BACKTICK.sub('', block))
    parts += [bytes(s, 'utf-8').decode('unicode_escape') for s in strings]
    return "\n\n".join(p if p.rstrip().endswith(';') else p + ';' for p in parts if p) + "\n"


def main() -> int:
    checkout, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    folder = checkout / "internal" / "migration_acceptance_tests"
    if not folder.is_dir():
        print(f"no acceptance cases at {folder}", file=sys.stderr)
        return 3
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for source in sorted(folder.glob("*_cases_test.go")):
        text = source.read_text(encoding="utf-8")
        for n, case in enumerate(split_cases(text)):
            name = NAME.search(case)
            old, new = statements(field_block(case, "oldSchemaDDL")), statements(field_block(case, "newSchemaDDL"))
            if not name or re.search(r'^\t\t(old|new)SchemaDDL:\s*(?!nil,)[a-zA-Z]\w*,', case, re.M):
                continue  # DDL built by Go code, not written as literals
            slug = re.sub(r'[^a-z0-9]+', '-', name.group(1).lower()).strip('-')[:60]
            d = out / f"{source.stem.replace('_cases_test', '')}__{n:03d}__{slug}"
            d.mkdir(exist_ok=True)
            (d / "old.sql").write_text(old, encoding="utf-8")
            (d / "new.sql").write_text(new, encoding="utf-8")
            roles = [r for r in re.findall(r'"([^"]+)"', field_block(case, "roles") or "")]
            hazards = sorted(set(HAZARD.findall(field_block(case, "expectedHazardTypes") or "")))
            meta = {
                "name": name.group(1),
                "source": source.name,
                "roles": roles,
                "expectEmptyPlan": bool(re.search(r'^\t\texpectEmptyPlan:\s*true', case, re.M)),
                "expectPlanError": bool(re.search(r'^\t\texpectedPlanError(Is|Contains):', case, re.M)),
                "hazards": hazards,
                "customPlan": bool(re.search(r'^\t\t(planOpts|planFactory):', case, re.M)),
            }
            (d / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            written += 1
    print(f"{written} cases written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
