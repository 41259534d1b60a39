#!/usr/bin/env python3
"""Independent numpy oracle for the reference components.

Usage: oracle.py INPUT.json OUTPUT.json

INPUT holds {"cases": [{"id", "component", "hyperparameters", "inputs", "extras"}]},
with matrices as lists of rows. OUTPUT gets {"results": {id: {output name: value}}},
with the output names of ComponentInvoker (loss, gradient, trajectory, rates, ...).

Every formula here is the vectorized textbook numpy form of BRIEF.md, written from the
brief and not from the Swift sources.
"""
import json
import sys

try:
    import numpy as np
except ImportError:  # The Swift test turns this exit status and message into a failure.
    sys.stderr.write("numpy is not installed: the oracle needs it (pip install numpy)\n")
    sys.exit(3)


def log_softmax(s):
    shifted = s - s.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(s):
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def one_hot(y, c):
    return np.eye(c)[y]


# --- Score losses: mean over N, gradient with respect to S ---------------------------------

def hinge_margins(s, y, delta):
    n = s.shape[0]
    correct = s[np.arange(n), y][:, None]
    margins = s - correct + delta
    margins[np.arange(n), y] = 0
    return margins


def multiclass_svm(s, y, hp):
    n = s.shape[0]
    margins = hinge_margins(s, y, hp["margin"])
    loss = np.maximum(0, margins).sum() / n
    ds = (margins > 0).astype(float)
    ds[np.arange(n), y] = -ds.sum(axis=1)
    return loss, ds / n


def squared_hinge(s, y, hp):
    n = s.shape[0]
    positive = np.maximum(0, hinge_margins(s, y, hp["margin"]))
    loss = (positive ** 2).sum() / n
    ds = 2 * positive
    ds[np.arange(n), y] = -ds.sum(axis=1)
    return loss, ds / n


def softmax_cross_entropy(s, y, hp):
    n, c = s.shape
    loss = -log_softmax(s)[np.arange(n), y].sum() / n
    return loss, (softmax(s) - one_hot(y, c)) / n


def binary_cross_entropy(z, y, hp):
    n = z.shape[0]
    t = np.asarray(y, dtype=float)[:, None]
    loss = (np.logaddexp(0, z) - t * z).sum() / n     # log(1 + e^z) − y z
    sigma = 0.5 * (1 + np.tanh(z / 2))                 # σ(z), overflow-free
    return loss, (sigma - t) / n


# --- Regression, metric and distillation losses --------------------------------------------

def l2_loss(p, t, hp):
    n = p.shape[0]
    r = p - t
    return (r ** 2).sum() / n, 2 * r / n


def l1_loss(p, t, hp):
    n = p.shape[0]
    r = p - t
    return np.abs(r).sum() / n, np.sign(r) / n


def unit_rows(diff):
    d = np.linalg.norm(diff, axis=1, keepdims=True)
    safe = np.where(d > 0, d, 1)
    return d[:, 0], np.where(d > 0, diff / safe, 0)


def contrastive(r0, r1, sim, hp):
    n = r0.shape[0]
    y = np.asarray(sim, dtype=float)
    d, u = unit_rows(r0 - r1)
    m = hp["margin"]
    loss = (y * d + (1 - y) * np.maximum(0, m - d)).sum() / n
    coefficient = y - (1 - y) * (m - d > 0)
    g0 = coefficient[:, None] * u / n
    return loss, g0, -g0


def triplet(a, p, q, hp):
    n = a.shape[0]
    dp, up = unit_rows(a - p)
    dn, un = unit_rows(a - q)
    hinge = hp["margin"] + dp - dn
    active = (hinge > 0).astype(float)[:, None]
    loss = np.maximum(0, hinge).sum() / n
    return loss, active * (up - un) / n, -active * up / n, active * un / n


def distillation(z, t, y, hp):
    n, c = z.shape
    temperature, alpha = hp["temperature"], hp["alpha"]
    log_ps, log_pt = log_softmax(z / temperature), log_softmax(t / temperature)
    pt = np.exp(log_pt)
    kl = (pt * (log_pt - log_ps)).sum(axis=1)
    ce = -log_softmax(z)[np.arange(n), y]
    loss = (alpha * temperature ** 2 * kl + (1 - alpha) * ce).sum() / n
    grad = alpha * temperature * (softmax(z / temperature) - softmax(t / temperature)) \
        + (1 - alpha) * (softmax(z) - one_hot(y, c))
    return loss, grad / n


# --- Regularizers and linear objectives ----------------------------------------------------

def regularizer(kind, w, hp):
    if kind == "l2-regularization":
        return np.sum(w * w), 2 * w
    if kind == "l1-regularization":
        return np.sum(np.abs(w)), np.sign(w)
    beta = hp["beta"]
    return np.sum(beta * w * w + np.abs(w)), 2 * beta * w + np.sign(w)


def linear_objective(kind, w, x, y, hp):
    data = multiclass_svm if kind == "linear-svm" else softmax_cross_entropy
    loss, ds = data(x @ w, y, hp)
    lam = hp["regularization"]
    return loss + lam * np.sum(w * w), x.T @ ds + 2 * lam * w


# --- Test functions, numerical gradient, optimizers, schedule, SGD -------------------------

def bowl_curvature(size):
    return 1 + 9 * (np.arange(size) % 5) / 4


TEST_FUNCTIONS = {
    "seed004-quadratic": lambda x: 5 * x[0] ** 2 + 2 * x[1] ** 2 + 7 * x[0] * x[1] + 10 * x[0] + x[1] + 1,
    "sum-of-squares": lambda x: np.sum(x ** 2),
    "ill-conditioned-bowl": lambda x: 0.5 * np.sum(bowl_curvature(x.size) * x ** 2),
    "rosenbrock": lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2,
    "log-sum-exp": lambda x: x.max() + np.log(np.sum(np.exp(x - x.max()))),
    "sine-product": lambda x: np.sum(np.sin(x) * np.cos(np.roll(x, -1))),
}

TEST_GRADIENTS = {
    "ill-conditioned-bowl": lambda x: bowl_curvature(x.size) * x,
    "sum-of-squares": lambda x: 2 * x,
}


def numerical_gradient(name, point, hp):
    f = TEST_FUNCTIONS[name]
    h = hp["step"]
    x = point.ravel()
    basis = np.eye(x.size) * h
    grad = np.array([(f(x + e) - f(x - e)) / (2 * h) for e in basis])
    return grad.reshape(point.shape)


def optimizer_trajectory(kind, w, gradients, hp):
    """Runs the update rule; `gradients` is a callable from W to g, called once a step."""
    lr, rho, eps = hp["learningRate"], hp["momentum"], hp["epsilon"]
    w = w.copy()
    v = np.zeros_like(w)
    cache = np.zeros_like(w)
    m = np.zeros_like(w)
    out = []
    for t, grad_of in enumerate(gradients, start=1):
        g = grad_of(w)
        if kind == "gradient-descent":
            w = w - lr * g
        elif kind == "momentum":
            v = rho * v - lr * g
            w = w + v
        elif kind == "nesterov":
            v_prev = v
            v = rho * v - lr * g
            w = w - rho * v_prev + (1 + rho) * v
        elif kind == "adagrad":
            cache = cache + g ** 2
            w = w - lr * g / np.sqrt(cache + eps)
        elif kind == "rmsprop":
            cache = hp["decayRate"] * cache + (1 - hp["decayRate"]) * g ** 2
            w = w - lr * g / (np.sqrt(cache) + eps)
        elif kind == "adam":
            b1, b2 = hp["beta1"], hp["beta2"]
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g ** 2
            w = w - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        else:
            raise ValueError(f"unknown optimizer {kind}")
        out.append(w)
    return out


def step_decay(steps, hp):
    k = hp["decayEvery"]
    return [hp["learningRate"] * hp["decayFactor"] ** (t // k) for t in steps]


def sgd(objective, w, x, y, batches, hp):
    w = w.copy()
    history = []
    for batch in batches:
        idx = np.asarray(batch, dtype=int)
        loss, grad = linear_objective(objective, w, x[idx], y[idx], hp)
        history.append(loss)
        w = w - hp["learningRate"] * grad
    return w, history


# --- Dispatch ------------------------------------------------------------------------------

def mat(value):
    return np.array(value, dtype=float).reshape(len(value), -1) if len(value) else np.zeros((0, 0))


def run(case):
    name, hp, inp = case["component"], case["hyperparameters"], case["inputs"]
    if name in ("multiclass-svm", "squared-hinge", "softmax", "binary-cross-entropy"):
        fn = {"multiclass-svm": multiclass_svm, "squared-hinge": squared_hinge,
              "softmax": softmax_cross_entropy, "binary-cross-entropy": binary_cross_entropy}[name]
        loss, grad = fn(mat(inp["scores"]), np.asarray(inp["labels"], dtype=int), hp)
        return {"loss": loss, "gradient": grad}
    if name in ("l2-loss", "l1-loss"):
        fn = l2_loss if name == "l2-loss" else l1_loss
        loss, grad = fn(mat(inp["predictions"]), mat(inp["targets"]), hp)
        return {"loss": loss, "gradient": grad}
    if name == "contrastive":
        loss, g0, g1 = contrastive(mat(inp["first"]), mat(inp["second"]), inp["similar"], hp)
        return {"loss": loss, "gradientFirst": g0, "gradientSecond": g1}
    if name == "triplet":
        loss, ga, gp, gn = triplet(mat(inp["anchors"]), mat(inp["positives"]), mat(inp["negatives"]), hp)
        return {"loss": loss, "gradientAnchors": ga, "gradientPositives": gp, "gradientNegatives": gn}
    if name == "distillation":
        loss, grad = distillation(mat(inp["studentLogits"]), mat(inp["teacherLogits"]),
                                  np.asarray(inp["labels"], dtype=int), hp)
        return {"loss": loss, "gradient": grad}
    if name in ("l2-regularization", "l1-regularization", "elastic-net"):
        loss, grad = regularizer(name, mat(inp["weights"]), hp)
        return {"loss": loss, "gradient": grad}
    if name in ("linear-svm", "linear-softmax"):
        loss, grad = linear_objective(name, mat(inp["weights"]), mat(inp["inputs"]),
                                      np.asarray(inp["labels"], dtype=int), hp)
        return {"loss": loss, "gradient": grad}
    if name == "numerical-gradient":
        return {"gradient": numerical_gradient(inp["function"], mat(inp["point"]), hp)}
    if name in ("gradient-descent", "momentum", "nesterov", "adagrad", "rmsprop", "adam"):
        if "gradients" in inp:
            steps = [(lambda w, g=mat(g): g) for g in inp["gradients"]]
        else:
            grad = TEST_GRADIENTS[inp["objective"]]
            steps = [lambda w: grad(w.ravel()).reshape(w.shape)] * inp["steps"][0]
        return {"trajectory": optimizer_trajectory(name, mat(inp["parameters"]), steps, hp)}
    if name == "step-decay":
        return {"rates": step_decay(inp["steps"], hp)}
    if name == "sgd":
        w, history = sgd(inp["objective"], mat(inp["weights"]), mat(inp["inputs"]),
                         np.asarray(inp["labels"], dtype=int), case["extras"]["batches"], hp)
        return {"weights": w, "lossHistory": history}
    raise ValueError(f"unknown component {name}")


def plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return float(value)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: oracle.py INPUT.json OUTPUT.json\n")
        sys.exit(2)
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    results = {case["id"]: {k: plain(v) for k, v in run(case).items()} for case in cases}
    with open(sys.argv[2], "w") as f:
        json.dump({"results": results}, f, allow_nan=False)


if __name__ == "__main__":
    main()
