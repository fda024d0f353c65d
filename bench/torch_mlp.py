#!/usr/bin/python3
"""PyTorch reference for bench/train-throughput.bench.ts: one thread, full forward + backward + SGD step.

Usage: torch_mlp.py WIDTHS BATCH SECONDS   e.g. torch_mlp.py 64,64,10 32 2
Prints one JSON object: samples/s for each of 3 timed runs after a warm-up.
"""
import json, os, sys, time

try:
    import torch
except ImportError:
    print(json.dumps({"skipped": "python3-torch is not installed (apt-get install python3-torch)"}))
    sys.exit(0)

torch.set_num_threads(1)
widths = [int(w) for w in sys.argv[1].split(",")]
batch = int(sys.argv[2])
seconds = float(sys.argv[3])
torch.manual_seed(0)
layers = []
for i in range(len(widths) - 1):
    layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
    if i < len(widths) - 2:
        layers.append(torch.nn.ReLU())
model = torch.nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = torch.nn.CrossEntropyLoss()
n = 4096
x = torch.randn(n, widths[0])
y = torch.randint(0, widths[-1], (n,))

def run(duration):
    steps = 0
    start = time.perf_counter()
    while True:
        for i in range(0, n - batch + 1, batch):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[i:i + batch]), y[i:i + batch])
            loss.backward()
            opt.step()
            steps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= duration:
            return steps * batch / elapsed

run(0.5)
rates = [run(seconds) for _ in range(3)]
def blas_library():
    """The BLAS this process loaded (Debian switches libblas.so.3 between the reference BLAS and OpenBLAS)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(paths)) or "unknown"
    except OSError:
        return "unknown"


print(json.dumps({"rates": rates, "torch": torch.__version__, "threads": torch.get_num_threads(),
                  "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "(unset)"), "blas": blas_library()}))
