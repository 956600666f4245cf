#!/usr/bin/env python3
"""Extracts the SQL of squawk's rule tests from a checkout into one .sql file per test.

Usage: squawk_cases.py SQUAWK_CHECKOUT OUT_DIR

Each test in crates/squawk_linter/src/rules/*.rs holds `let sql = r#"..."#;` followed by
`lint_ok(sql, Rule::X)` or `lint_errors(sql, Rule::X)`. The file written is
OUT_DIR/<rule file>__<test name>__<ok|err>.sql, so a runner can compare squawk's expectation with
evoplan's verdict. Nothing of squawk is kept in this repository: the cases are read from the
checkout given at run time.
"""
import pathlib
import re
import sys

TEST = re.compile(r'fn\s+(\w+)\s*\(\)\s*\{(.*?)\n    \}', re.S)
SQL = re.compile(r'let\s+sql\s*=\s*r#"(.*?)"#;', re.S)
VERDICT = re.compile(r'\blint_(ok|errors)(?:_with)?\s*\(')


def main() -> int:
    checkout, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    rules = checkout / "crates" / "squawk_linter" / "src" / "rules"
    if not rules.is_dir():
        print(f"no squawk rules folder at {rules}", file=sys.stderr)
        return 3
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for source in sorted(rules.glob("*.rs")):
        text = source.read_text(encoding="utf-8")
        for test in TEST.finditer(text):
            body = test.group(2)
            sql = SQL.search(body)
            verdict = VERDICT.search(body)
            if not sql or not verdict:
                continue
            kind = "ok" if verdict.group(1) == "ok" else "err"
            name = f"{source.stem}__{test.group(1)}__{kind}.sql"
            (out / name).write_text(sql.group(1).strip() + "\n", encoding="utf-8")
            written += 1
    print(f"{written} cases written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
