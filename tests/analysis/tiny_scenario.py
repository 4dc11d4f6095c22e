"""Where things are, and the tiny scenario the C++ binary runs for the tests
(two teams on two sites, three organisations, 40 days, 2 replicates: seconds).
A module of its own so test files need not import conftest by name."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

TINY_SCENARIO = {
    "days": 40,
    "warmup_days": 0,
    "replicates": 2,
    "system": {
        "teams": [
            {
                "name": "A",
                "site": "s1",
                "staff": [
                    {"profession": "nurse", "organisation": "community_provider", "count": 4},
                    {"profession": "gp", "organisation": "primary_care", "count": 2},
                ],
            },
            {
                "name": "B",
                "site": "s2",
                "staff": [{"profession": "pharmacist", "organisation": "acute_hospital", "count": 4}],
            },
        ]
    },
}
TINY_STAFF = 10


def trustsim_binary() -> Path:
    """$TRUSTSIM_BIN, else build/sim/trustsim in the repository."""
    return Path(os.environ.get("TRUSTSIM_BIN", REPO / "build" / "sim" / "trustsim"))
