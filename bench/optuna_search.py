#!/usr/bin/python3
"""One Optuna 3.1 search whose objective is Knobs' own trainer, for the search-quality benchmark.

Usage: optuna_search.py CONFIG.json. CONFIG: {"sampler": "tpe" | "random", "seed": S, "trials": N,
"spec": {...a Knobs spec...}, "knobs": "bin/knobs.mjs", "node": "/usr/bin/node",
"modelSeeds": [M_0, M_1, ...], "startup": [{knob: value, ...}, ...], "workdir": "...", "samplerSeed": R (optional,
default S)}. Trial n trains the spec's `train` block with the
trial's knobs through `knobs train --json --seed S --model-seed M_n`: the same data split as the Knobs
search with seed S, and the model seed Knobs gives its own trial n. A diverged or failed run returns
NaN, which Optuna marks as failed (Knobs leaves such trials out of TPE too). The knobs are the
spec's space: floats (log or not) and ints (log or not) as Optuna distributions. The `startup`
trials (Knobs' own random startup trials, for TPE) are enqueued and run first; the sampler takes
over after them as after its own random startup (TPESampler's n_startup_trials counts finished
trials, however they were proposed).

Prints one JSON object: {"values": [objective of trial 0, 1, ...] (null for failed), "seconds": s}.
"""
import json, math, os, subprocess, sys, tempfile, time

try:
    import optuna
except ImportError as e:
    print(json.dumps({"missing": str(e)}))
    sys.exit(3)

optuna.logging.set_verbosity(optuna.logging.WARNING)
cfg = json.load(open(sys.argv[1]))
spec = cfg["spec"]
space = spec["space"]
workdir = cfg.get("workdir") or tempfile.mkdtemp(prefix="knobs-optuna-")


def suggest(trial, name, p):
    if p["type"] == "float":
        return trial.suggest_float(name, p["low"], p["high"], log=bool(p.get("log")))
    if p["type"] == "int":
        return trial.suggest_int(name, p["low"], p["high"], log=bool(p.get("log")))
    if p["type"] == "categorical":
        return trial.suggest_categorical(name, p["values"])
    raise ValueError(f"unsupported knob {name}: {p}")


def objective(trial):
    knobs = {name: suggest(trial, name, p) for name, p in space.items()}
    one = dict(spec)
    one["space"] = {}
    one["train"] = {**spec.get("train", {}), **knobs}
    path = os.path.join(workdir, f"trial{trial.number}.json")
    with open(path, "w") as f:
        json.dump(one, f)
    r = subprocess.run(
        [cfg["node"], cfg["knobs"], "train", path, "--json", "--seed", str(cfg["seed"]), "--model-seed", str(cfg["modelSeeds"][trial.number])],
        capture_output=True, text=True,
    )
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    if not lines:
        raise RuntimeError(f"knobs train printed nothing (exit {r.returncode}): {r.stderr}")
    summary = json.loads(lines[-1])
    if summary.get("stop_reason") in ("diverged", "error") or summary.get("val_loss") is None:
        return float("nan")
    return float(summary["val_loss"])


# The sampler's own seed (default: the search's seed S; the data split and model seeds stay S's either way).
sampler_seed = cfg.get("samplerSeed", cfg["seed"])
sampler = optuna.samplers.TPESampler(seed=sampler_seed) if cfg["sampler"] == "tpe" else optuna.samplers.RandomSampler(seed=sampler_seed)
study = optuna.create_study(direction="minimize", sampler=sampler)
for params in cfg.get("startup", []):
    study.enqueue_trial(params)
t0 = time.perf_counter()
study.optimize(objective, n_trials=cfg["trials"], catch=())
values = [t.value if t.value is not None and math.isfinite(t.value) else None for t in sorted(study.trials, key=lambda t: t.number)]
print(json.dumps({"values": values, "seconds": time.perf_counter() - t0, "optuna": optuna.__version__}))
