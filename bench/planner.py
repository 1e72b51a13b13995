"""Measures the planner and the wizard's step list for a family of four, on the real catalog and on synthetic
catalogs 5× and 10× as large (every procedure copied under new ids), with the growth ratio.

Targets on the real catalog: plan_for ≤ 2 ms and the step list ≤ 10 ms (median); growth no worse than linear.
Run from the repository root: python bench/planner.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from navi.domain import interview
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, catalog_from_raw, read_catalog_files
from navi.domain.catalog.model import Catalog
from navi.domain.planner import plan_for
from navi.domain.validation import parse_example

HOUSEHOLD = "family4_employee"
TARGETS_MS = {"plan_for": 2.0, "step list": 10.0}


def synthetic(raw: dict, factor: int) -> Catalog:
    """The catalog with every procedure present `factor` times (copies under new ids, same conditions)."""
    bigger = copy.deepcopy(raw)
    for k in range(1, factor):
        for procedure in raw["procedures"]:
            twin = copy.deepcopy(procedure)
            twin["id"] = f"{procedure['id'][:34]}_c{k}"
            if twin.get("deemed_with"):
                twin["deemed_with"] = f"{twin['deemed_with'][:34]}_c{k}"
            bigger["procedures"].append(twin)
    return catalog_from_raw(bigger)


def draft_for(catalog: Catalog) -> dict:
    """The wizard's draft once the four people are entered: what the step list is worked out from."""
    facts = copy.deepcopy(catalog.households[HOUSEHOLD])
    facts["done"] = ["event", "date", "count", *(f"person-{i}" for i in range(len(facts["members"])))]
    facts["count"] = len(facts["members"])
    return facts


def timed(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and 95th percentile of `runs` calls, in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=20)[-1]


def measure(catalog: Catalog, runs: int) -> dict[str, tuple[float, float]]:
    """plan_for and the step list (uncached: the cache would time a dictionary look-up) on one catalog."""
    facts = parse_example(catalog.households[HOUSEHOLD], catalog)
    draft = draft_for(catalog)
    interview._readers.clear()  # per-catalog-version caches start cold once, as after a publication
    plan_for(facts, catalog)
    return {"plan_for": timed(lambda: plan_for(facts, catalog), runs),
            "step list": timed(lambda: interview._steps(draft, catalog, ask_office=False), runs)}


def main() -> None:
    """Print the table and whether the targets hold."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    raw = read_catalog_files(DEFAULT_CATALOG_DIR)
    results = {}
    for factor in (1, 5, 10):
        catalog = synthetic(raw, factor)
        results[factor] = (len(catalog.procedures), measure(catalog, args.runs))
    print(f"{'catalog':<10}{'procedures':>11}{'plan_for median':>17}{'p95':>8}{'step list median':>18}{'p95':>8}")
    for factor, (count, found) in results.items():
        (pm, pp), (sm, sp) = found["plan_for"], found["step list"]
        print(f"{str(factor) + '×':<10}{count:>11}{pm:>14.3f} ms{pp:>8.3f}{sm:>15.3f} ms{sp:>8.3f}")
    base = results[1][1]
    for factor in (5, 10):
        ratios = [results[factor][1][name][0] / base[name][0] for name in ("plan_for", "step list")]
        print(f"growth {factor}×: plan_for ×{ratios[0]:.2f}, step list ×{ratios[1]:.2f} (linear: ×{factor})")
    for name, target in TARGETS_MS.items():
        median = base[name][0]
        print(f"target {name} ≤ {target:g} ms on the real catalog: {'met' if median <= target else 'MISSED'}"
              f" ({median:.3f} ms)")


if __name__ == "__main__":
    main()
