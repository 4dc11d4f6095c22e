"""Analysis of trustsim output: tidy tables, standard figures, a report.

    import trustsim
    results = trustsim.open_results("results/baseline.h5")
    results.summary, results.daily, results.team_trust, results.network()

    trustsim report FILE.h5 -o report/                 # the binary runs the package
    /usr/bin/python3 -m trustsim.report FILE.h5 -o report/   # Debian's python3, or .venv/bin/python
    /usr/bin/python3 -m trustsim.plot FILE.h5 -o trust.png
"""

from .load import Metric, Network, Results, TrustsimFileError, open_results

__all__ = ["Metric", "Network", "Results", "TrustsimFileError", "open_results"]
