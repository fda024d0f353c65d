"""Replays curves through Optuna's own pruners, one trial after another, and prints the step each
trial was pruned at (null when it ran to its end). Input on stdin (JSON):
{"kind": "median"|"asha"|"hyperband", "params": {...}, "direction": "minimize", "seed": 1, "curves": [[v1, v2, ...], ...]}.
Knobs counts epochs from 1; Optuna's MedianPruner counts steps from 0 (its warm-up assumes it), so
epoch e is reported as step e - 1 there and as step e to the rung-based pruners."""
import json
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
job = json.load(sys.stdin)
p = job["params"]
if job["kind"] == "median":
    pruner = optuna.pruners.MedianPruner(n_startup_trials=p["startupTrials"], n_warmup_steps=p["warmupEpochs"], interval_steps=p["interval"])
    offset = 1
elif job["kind"] == "asha":
    pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=p["minEpochs"], reduction_factor=p["reductionFactor"], min_early_stopping_rate=p["minEarlyStoppingRate"])
    offset = 0
else:
    pruner = optuna.pruners.HyperbandPruner(min_resource=p["minEpochs"], max_resource=len(job["curves"][0]), reduction_factor=p["reductionFactor"])
    offset = 0
study = optuna.create_study(study_name=str(job["seed"]), direction=job["direction"], pruner=pruner, sampler=optuna.samplers.RandomSampler(seed=0))
out = []
for curve in job["curves"]:
    trial = study.ask()
    pruned = None
    for e, v in enumerate(curve, start=1):
        trial.report(v, e - offset)
        if e < len(curve) and trial.should_prune():
            pruned = e
            break
    if pruned is None:
        study.tell(trial, curve[-1])
    else:
        study.tell(trial, state=optuna.trial.TrialState.PRUNED)
    out.append(pruned)
print(json.dumps(out))
