#!/usr/bin/python3
"""Optuna 3.1's FanovaImportanceEvaluator on trials given as JSON (the reference for Knobs' importance).

Input (a file path or stdin): {"params": [{"name", "kind": "float" | "categorical", "low", "high",
"choices"}], "trials": [{"params": {...}, "value": v}], "seeds": [0, 1, 2, 3, 4]}. Numeric knobs
arrive already on Knobs' scale (log10 for log knobs) as plain float distributions, so Optuna measures
on the same scale as Knobs does; categorical knobs by their choices.

Output (stdout): {"optuna": "3.1.0", "seeds": {seed: {name: importance}}, "mean": {name: mean},
"std": {name: std over seeds}, "seconds": per evaluation}.
"""
import json, sys, time

try:
    import numpy as np
    import optuna
    import sklearn  # noqa: F401 (FanovaImportanceEvaluator needs it)
    from optuna.distributions import CategoricalDistribution, FloatDistribution
    from optuna.importance import FanovaImportanceEvaluator
except ImportError as e:
    print(json.dumps({"missing": str(e)}))
    sys.exit(3)

optuna.logging.set_verbosity(optuna.logging.WARNING)
data = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
dists = {}
for p in data["params"]:
    if p["kind"] == "categorical":
        dists[p["name"]] = CategoricalDistribution(p["choices"])
    else:
        dists[p["name"]] = FloatDistribution(p["low"], p["high"])
study = optuna.create_study()
for t in data["trials"]:
    study.add_trial(optuna.trial.create_trial(params=t["params"], distributions=dists, value=t["value"]))

per_seed = {}
seconds = []
for seed in data.get("seeds", [0, 1, 2, 3, 4]):
    t0 = time.perf_counter()
    imp = FanovaImportanceEvaluator(seed=seed).evaluate(study)
    seconds.append(time.perf_counter() - t0)
    per_seed[str(seed)] = {k: float(v) for k, v in imp.items()}
names = [p["name"] for p in data["params"]]
values = np.array([[per_seed[s][n] for n in names] for s in per_seed])
print(json.dumps({
    "optuna": optuna.__version__,
    "seeds": per_seed,
    "mean": dict(zip(names, values.mean(axis=0).tolist())),
    "std": dict(zip(names, values.std(axis=0).tolist())),
    "seconds": seconds,
}))
