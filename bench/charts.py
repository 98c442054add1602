#!/usr/bin/python3
"""Draws the benchmark charts of docs/BENCHMARKS.md from bench/results/figures.csv.

    bench/charts.py [--results bench/results/figures.csv] [--out docs/img]

The benchmark scripts append to figures.csv when run with --record; for each figure the chart
takes the latest line. Writes
  bench-me.png      GET /me req/s at 32 and 256 connections, H2 and PostgreSQL (bench/wrk-me.sh)
  bench-logins.png  logins/s and the hash bound at each user count (bench/login-bound.sh)
  bench-peers.png   Keyhold over its peers, each ratio from one run (bench/peer-keycloak.sh,
                    bench/peer-django.sh)
A chart with no figures at all is skipped; missing bars are named. Needs Debian's matplotlib
(apt-get install -y python3-matplotlib), hence /usr/bin/python3.
"""
import argparse
import csv
import sys
from pathlib import Path

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit("bench/charts.py needs matplotlib: apt-get install -y python3-matplotlib, "
             "then run it with /usr/bin/python3 (Debian's python, which that package installs into)")

root = Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--results", type=Path, default=root / "bench" / "results" / "figures.csv")
parser.add_argument("--out", type=Path, default=root / "docs" / "img")
options = parser.parse_args()

if not options.results.is_file():
    sys.exit(f"no figures in {options.results}: run the bench scripts with --record first "
             "(bench/wrk-me.sh --record postgres 256, bench/login-bound.sh --record 1000000, …)")

# The latest value of each (bench, case, metric), with when it was taken.
latest = {}
with options.results.open(newline="") as results:
    for row in csv.DictReader(results):
        latest[(row["bench"], row["case"], row["metric"])] = (float(row["value"]), row["taken"][:10])


def figure(bench, case, metric):
    found = latest.get((bench, case, metric))
    if found is None:
        print(f"missing: {bench} {case} {metric}", file=sys.stderr)
    return found


def label_bars(axes, bars, formatted):
    for bar, text in zip(bars, formatted):
        if text:
            axes.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                          ha="center", va="bottom", fontsize=9, xytext=(0, 2), textcoords="offset points")


def taken_note(figures):
    days = sorted({f[1] for f in figures if f})
    return f"taken {days[0]}" + (f" – {days[-1]}" if len(days) > 1 else "") if days else ""


def draw_me():
    connections = [32, 256]
    databases = [("h2", "H2 (file)"), ("postgres", "PostgreSQL")]
    found = {(db, c): figure("wrk-me", f"{db}/c={c}", "req_per_s") for db, _ in databases for c in connections}
    if not any(found.values()):
        print("bench-me.png skipped: no bench/wrk-me.sh figures", file=sys.stderr)
        return False
    fig, axes = plt.subplots(figsize=(7, 4))
    width = 0.38
    for offset, (db, name) in zip((-width / 2, width / 2), databases):
        values = [found[(db, c)][0] if found[(db, c)] else 0 for c in connections]
        bars = axes.bar([i + offset for i in range(len(connections))], values, width, label=name)
        label_bars(axes, bars, [f"{v:,.0f}" if found[(db, c)] else "" for v, c in zip(values, connections)])
    axes.set_xticks(range(len(connections)), [f"{c} connections" for c in connections])
    axes.set_ylabel("requests/s")
    axes.set_title(f"GET /api/users/me/ with a bearer token ({taken_note(found.values())})")
    axes.legend()
    axes.margins(y=0.12)
    fig.tight_layout()
    fig.savefig(options.out / "bench-me.png", dpi=120)
    plt.close(fig)
    return True


def draw_logins():
    cases = sorted({case for bench, case, _ in latest if bench == "login-bound" and case.startswith("users=")},
                   key=lambda case: int(case.split("=")[1]))
    for wanted in ("users=1000", "users=1000000"):
        if wanted not in cases:
            print(f"missing: login-bound {wanted}", file=sys.stderr)
    if not cases:
        print("bench-logins.png skipped: no bench/login-bound.sh figures", file=sys.stderr)
        return False
    logins = [figure("login-bound", case, "logins_per_s") for case in cases]
    bounds = [figure("login-bound", case, "hash_bound") for case in cases]
    fig, axes = plt.subplots(figsize=(7, 4))
    width = 0.38
    positions = range(len(cases))
    measured = axes.bar([i - width / 2 for i in positions], [f[0] if f else 0 for f in logins], width,
                        label="logins/s (200s only)")
    bound = axes.bar([i + width / 2 for i in positions], [f[0] if f else 0 for f in bounds], width,
                     label="hash bound: hash threads ÷ one verify (JMH)", color="lightgray")
    label_bars(axes, measured, [f"{l[0]:.1f} ({l[0] / b[0]:.0%})" if l and b else (f"{l[0]:.1f}" if l else "")
                                for l, b in zip(logins, bounds)])
    label_bars(axes, bound, [f"{b[0]:.1f}" if b else "" for b in bounds])
    axes.set_xticks(list(positions), [users_label(int(case.split("=")[1])) for case in cases])
    axes.set_ylabel("logins/s")
    axes.set_title(f"Logins on PostgreSQL against the hash bound ({taken_note(logins + bounds)})")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=9)
    axes.margins(y=0.12)
    small, large = latest.get(("login-bound", "users=1000", "logins_per_s")), latest.get(
        ("login-bound", "users=1000000", "logins_per_s"))
    if small and large:
        # Goal: within 10 % of each other.
        fig.text(0.99, 0.01, f"1M users vs 1k: {large[0] / small[0] - 1:+.1%}", ha="right", fontsize=9)
    fig.tight_layout()
    fig.savefig(options.out / "bench-logins.png", dpi=120)
    plt.close(fig)
    return True


def draw_peers():
    # gunicorn's worker count, in the case's name, follows the machine's cores.
    django = sorted(case for bench, case, _ in latest if bench == "peer-django" and case.startswith("postgres/c=32/"))
    # (label, bench, case, Keyhold's metric, the peer's metric, unit)
    comparisons = [
        ("GET /me vs the seed's Django\n(GET /api/users/me/)", "peer-django", django[-1] if django else "postgres/c=32",
         "keyhold_req_per_s", "django_req_per_s", "req/s"),
        ("GET /me vs Keycloak\n(userinfo)", "peer-keycloak", "me/c=32", "keyhold_per_s", "keycloak_per_s", "req/s"),
        ("introspection vs Keycloak\n(RFC 7662)", "peer-keycloak", "introspect/c=32", "keyhold_per_s",
         "keycloak_per_s", "req/s"),
        ("password logins vs Keycloak\n(Argon2id m=19456 t=2 p=1)", "peer-keycloak", "login/c=32", "keyhold_per_s",
         "keycloak_per_s", "logins/s"),
    ]
    rows = []
    for label, bench, case, ours, theirs, unit in comparisons:
        keyhold, peer = figure(bench, case, ours), figure(bench, case, theirs)
        if keyhold and peer:
            rows.append((label, keyhold, peer, unit))
    if not rows:
        print("bench-peers.png skipped: no peer figures", file=sys.stderr)
        return False
    fig, axes = plt.subplots(figsize=(8, 1.1 * len(rows) + 1.2))
    ratios = [keyhold[0] / peer[0] for _, keyhold, peer, _ in rows]
    bars = axes.barh(range(len(rows)), ratios, color="tab:blue")
    for bar, (_, keyhold, peer, unit), ratio in zip(bars, rows, ratios):
        axes.annotate(f"{ratio:.1f}×  ({keyhold[0]:,.0f} vs {peer[0]:,.0f} {unit})",
                      (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center", fontsize=9,
                      xytext=(4, 0), textcoords="offset points")
    axes.axvline(1, color="gray", linewidth=0.8)
    axes.set_yticks(range(len(rows)), [row[0] for row in rows], fontsize=9)
    axes.invert_yaxis()
    axes.set_xlabel("Keyhold ÷ peer, same machine, same PostgreSQL, one run (1 = as fast)")
    axes.set_title(f"Keyhold next to its peers ({taken_note([row[1] for row in rows] + [row[2] for row in rows])})")
    axes.set_xlim(0, max(ratios) * 1.6)
    fig.tight_layout()
    fig.savefig(options.out / "bench-peers.png", dpi=120)
    plt.close(fig)
    return True


def users_label(users):
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if users >= size and users % size == 0:
            return f"{users // size}{suffix} users"
    return f"{users:,} users"


options.out.mkdir(parents=True, exist_ok=True)
drawn = [name for name, draw in (("bench-me.png", draw_me), ("bench-logins.png", draw_logins),
                                  ("bench-peers.png", draw_peers)) if draw()]
if not drawn:
    sys.exit(f"nothing to draw from {options.results}")
print("wrote " + ", ".join(str(options.out / name) for name in drawn))
