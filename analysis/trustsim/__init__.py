"""Analysis of trustsim output: tidy tables, standard figures, a report.

    import trustsim
    results = trustsim.open_results("results/baseline.h5")
    results.summary, results.daily, results.team_trust, results.network()

    python3 -m trustsim.plot FILE.h5 -o trust.png
    python3 -m trustsim.report FILE.h5 -o report/
"""

from .load import Network, Results, TrustsimFileError, open_results

__all__ = ["Network", "Results", "TrustsimFileError", "open_results"]
