"""/usr/bin/python3 -m trustsim.plot FILE.h5 -o OUT.png

Draws the baseline figure: trust within and between teams over time, the
mean and 95% interval over replicates. Writes OUT.png and OUT.svg.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import figures, style
from .load import TrustsimFileError, open_results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="/usr/bin/python3 -m trustsim.plot",
        description="Plot trust within and between teams over time from a trustsim output file "
        "(mean and 95% interval over replicates). Writes a PNG and an SVG.",
    )
    parser.add_argument("file", help="trustsim output file (.h5) from `trustsim run` or `trustsim sweep`")
    parser.add_argument("-o", "--output", help="image to write (.png; an .svg is written beside it); "
                        "default: FILE with _trust.png")
    parser.add_argument("--variant", help="variant to plot (default: baseline)")
    args = parser.parse_args(argv)
    out = args.output or str(Path(args.file).with_suffix("")) + "_trust.png"
    try:
        results = open_results(args.file)
        ax = figures.trust_over_time(results, variant=args.variant)
        png, svg = style.save(ax.figure, out)
    except (TrustsimFileError, ValueError) as e:
        print(f"trustsim.plot: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"trustsim.plot: error: cannot write {out}: {e}", file=sys.stderr)
        return 1
    print(f"wrote {png} and {svg}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
