"""The report opens in a real browser: headless Chromium loads it, every
figure loads, the comparison table is there, and the console is clean.

Needs Debian's `chromium` package (the test set-up installs it); skipped,
with that reason, where it is absent.
"""

import re
import subprocess
from pathlib import Path

import pytest

from trustsim.report import IMAGE_CHECK

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: the test set-up must `apt-get install -y chromium`"
)


def chromium(page: Path, profile: Path, *extra):
    """Run headless Chromium on a file; return (stdout, stderr)."""
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         # Let the page's load handlers run before the DOM is dumped.
         "--virtual-time-budget=10000", *extra, page.resolve().as_uri()],
        capture_output=True, text=True, timeout=180,
    )
    return done.stdout, done.stderr


def console_problems(stderr: str) -> list:
    """Console messages of the page. The report logs nothing unless something
    is wrong, and Chromium logs every console message at INFO, so any is one."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def images_loaded(dom: str):
    """(loaded, total) as the report's own script counted them on load."""
    found = re.search(r'data-images-loaded="(\d+)/(\d+)"', dom)
    assert found, "the report's load script did not run"
    return int(found.group(1)), int(found.group(2))


@pytest.fixture(params=["sweep fixture", "binary run"])
def report_page(request):
    return request.param, request.getfixturevalue(
        "sweep_report" if request.param == "sweep fixture" else "binary_run_report")


def test_report_renders_with_every_figure_and_the_table(report_page, tmp_path):
    kind, page = report_page
    dom, log = chromium(page, tmp_path / "profile", "--dump-dom")
    loaded, total = images_loaded(dom)
    assert total >= 4 and loaded == total
    assert "<h1>trustsim report</h1>" in dom
    assert 'id="provenance-table"' in dom
    if kind == "sweep fixture":
        assert 'id="comparison"' in dom
        assert dom.count("<tr>") > 30  # the comparison table: a row per variant and outcome
    assert console_problems(log) == []


def test_report_screenshot_is_not_blank(report_page, tmp_path):
    shot = tmp_path / "report.png"
    _, log = chromium(report_page[1], tmp_path / "profile", "--hide-scrollbars", "--window-size=1100,2400",
                      f"--screenshot={shot}")
    assert shot.is_file(), log
    assert shot.stat().st_size > 50_000  # text, a table and a figure, not an empty page
    assert console_problems(log) == []


def test_the_checks_catch_a_broken_figure_and_a_script_error(tmp_path):
    """The same checks on a page that is broken on purpose, so a pass above means something."""
    report_dir = tmp_path / "broken"
    report_dir.mkdir()
    page = report_dir / "report.html"
    page.write_text(
        '<!DOCTYPE html><html><body><h1>broken</h1><img src="data:image/png;base64,AAAA" alt="x">'
        f"<script>{IMAGE_CHECK}</script><script>undefinedFunction();</script></body></html>"
    )
    dom, log = chromium(page, tmp_path / "profile", "--dump-dom")
    assert images_loaded(dom) == (0, 1)
    problems = "\n".join(console_problems(log))
    assert "Uncaught ReferenceError" in problems
    assert "1 figure(s) did not load" in problems
