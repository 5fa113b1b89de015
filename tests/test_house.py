"""The house stays habitable: short functions and low complexity, ratcheted from a recorded baseline.

Every function over 60 lines of body, and every ruff complexity finding (C901 complexity > 12, PLR0912 more
than 14 branches, PLR0915 more than 60 statements; thresholds in pyproject.toml), must be in
``tests/house_baseline.json``, and no listed function may grow. Shorten one and its entry can go:
``python tests/test_house.py --update`` rewrites the baseline (only ever downwards: it refuses to add).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "house_baseline.json"
MAX_BODY = 60


def long_functions() -> dict[str, int]:
    """``module:qualname`` -> lines of body (docstring excluded) for every function over MAX_BODY lines."""
    out: dict[str, int] = {}
    for path in sorted((ROOT / "ekc_analysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mod = path.relative_to(ROOT).with_suffix("").as_posix()

        def visit(node: ast.AST, prefix: str, mod: str = mod) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    body = child.body
                    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                                              ast.Constant):
                        body = body[1:]
                    n = (body[-1].end_lineno - body[0].lineno + 1) if body else 0
                    name = f"{prefix}{child.name}"
                    if n > MAX_BODY:
                        out[f"{mod}:{name}"] = n
                    visit(child, f"{name}.")
                elif isinstance(child, ast.ClassDef):
                    visit(child, f"{prefix}{child.name}.")
        visit(tree, "")
    return out


def _function_at(path: Path, row: int) -> str:
    """The qualified name of the innermost function holding line ``row`` of ``path``."""
    best, span = "<module>", None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.lineno <= row <= node.end_lineno:
            if span is None or node.end_lineno - node.lineno < span:
                best, span = node.name, node.end_lineno - node.lineno
    return best


def complexity_findings() -> dict[str, int]:
    """``file:function:code`` -> count of ruff's complexity findings (keyed without line numbers: they move)."""
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "C901,PLR0912,PLR0915",
                           "--output-format", "json", "--exit-zero", "ekc_analysis"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    found: dict[str, int] = {}
    for item in json.loads(done.stdout):
        path = Path(item["filename"])
        key = f"{path.relative_to(ROOT).as_posix()}:{_function_at(path, item['location']['row'])}:{item['code']}"
        found[key] = found.get(key, 0) + 1
    return found


def test_no_new_long_function_and_none_grows() -> None:
    base = json.loads(BASELINE.read_text(encoding="utf-8"))["long_functions"]
    now = long_functions()
    new = {k: v for k, v in now.items() if k not in base}
    grown = {k: (base[k], v) for k, v in now.items() if k in base and v > base[k]}
    assert not new, f"functions over {MAX_BODY} lines of body (split them): {new}"
    assert not grown, f"listed long functions grew (baseline, now): {grown}"


def test_no_new_complexity_finding() -> None:
    base = json.loads(BASELINE.read_text(encoding="utf-8"))["complexity"]
    new = {k: v for k, v in complexity_findings().items() if v > base.get(k, 0)}
    assert not new, f"new ruff complexity findings (C901/PLR0912/PLR0915): {new}"


def _measure() -> dict[str, dict[str, int]]:
    return {"long_functions": long_functions(), "complexity": complexity_findings()}


if __name__ == "__main__":  # python tests/test_house.py --update | --init
    now = _measure()
    if sys.argv[1:] == ["--update"] and BASELINE.exists():
        old = json.loads(BASELINE.read_text(encoding="utf-8"))
        added = sorted((set(now["long_functions"]) - set(old["long_functions"]))
                       | {k for k, v in now["complexity"].items() if v > old["complexity"].get(k, 0)})
        if added:
            sys.exit(f"refusing to add to the baseline (shorten these instead): {added}")
    elif sys.argv[1:] != ["--init"]:
        sys.exit("usage: python tests/test_house.py --update | --init")
    BASELINE.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(now['long_functions'])} long functions, {sum(now['complexity'].values())} complexity findings")
