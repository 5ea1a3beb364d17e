"""Time and peak memory of importing 1,000,000 contact registrations (``omnicalc.registrations``).

Run: ``python benchmarks/bench_registrations.py [rows]``. A child process writes a CSV export (date and
time, channel, subject, klantnummer, duration, transferred, call-back) to a temporary file; this
process then reads it with :func:`omnicalc.registrations.read_registrations` and prints the seconds
and its own peak resident memory (interpreter and pandas included).
Target (issue 16): 1,000,000 rows in at most 5 s and 1 GB on a 2-core machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

from omnicalc.registrations import read_registrations

SUBJECTS = np.array(
    ["Hoe staat het met mijn aanvraag", "Paspoort", "Rijbewijs", "Afvalkalender", "Lantaarnpaal kapot",
     "Klacht", "Verhuizing doorgeven", "Overig", "", "Parkeervergunning", "Wanneer krijg ik mijn uitkering"]
)  # fmt: skip
CHANNELS = np.array(["Telefoon", "Balie", "E-mail", "Chat", "WhatsApp", "Webformulier"])


def export(rows: int, seed: int = 1) -> bytes:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T08:30")
    minutes = rng.integers(0, 365, rows) * 1440 + rng.integers(0, 510, rows)
    when = pd.Series(start + minutes.astype("timedelta64[m]")).dt.strftime("%d-%m-%Y %H:%M")
    df = pd.DataFrame(
        {
            "Datum/tijd": when,
            "Kanaal": CHANNELS[rng.integers(0, len(CHANNELS), rows)],
            "Onderwerp": SUBJECTS[rng.integers(0, len(SUBJECTS), rows)],
            "Klantnummer": pd.Series(rng.integers(0, rows // 3, rows)).map("K{:07d}".format),
            "Gespreksduur": rng.integers(20, 900, rows),
            "Doorverbonden": np.where(rng.random(rows) < 0.15, "ja", "nee"),
            "Terugbelverzoek": np.where(rng.random(rows) < 0.05, "ja", "nee"),
        }
    )
    return df.to_csv(sep=";", index=False).encode()


def main(rows: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench.csv")
        subprocess.check_call([sys.executable, __file__, "--write", path, str(rows)])
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        m = read_registrations(path)
        seconds = time.perf_counter() - t0
        size = os.path.getsize(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows: {m.rows:,}  file: {size / 2**20:.0f} MiB")
    print(f"seconds: {seconds:.2f}")
    print(f"peak RSS: {peak:.0f} MiB (before the import: {before:.0f} MiB)")
    print(f"repeat share telefoon: {m.repeat_share.get('telefoon', 0):.3f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        with open(sys.argv[2], "wb") as f:
            f.write(export(int(sys.argv[3])))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
