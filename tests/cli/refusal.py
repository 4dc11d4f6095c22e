"""What refusing bad input means, for every test of it: exit code 2, one
line on stderr that starts with the file (or option) and names the key, no
output file, and no crash, hang or runaway memory on the way there."""
import os
import resource
import subprocess

# scripts/test-sanitizers sets this when TRUSTSIM_BIN is a sanitizer build,
# which reserves terabytes of address space and so cannot run under
# RLIMIT_AS; AddressSanitizer caps its resident memory instead.
SANITIZED = bool(os.environ.get("TRUSTSIM_SANITIZED"))

MEMORY_LIMIT = 2 << 30  # bytes: refusing needs a few MB


def limit_memory():
    if not SANITIZED:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def limited_environment():
    """The environment with AddressSanitizer's cap on resident memory, which
    stops the program with a report (exit 1) past MEMORY_LIMIT; None (the
    inherited one) for an unsanitized build, capped by limit_memory."""
    if not SANITIZED:
        return None
    options = os.environ.get("ASAN_OPTIONS", "")
    return dict(os.environ, ASAN_OPTIONS=f"{options}:hard_rss_limit_mb={MEMORY_LIMIT >> 20}")


def run_limited(binary, *args, cwd, timeout=60, preexec_fn=limit_memory):
    """Runs trustsim with a memory limit (as `ulimit -v`) and a timeout."""
    return subprocess.run([binary, *map(str, args)], cwd=cwd, capture_output=True,
                          timeout=timeout, preexec_fn=preexec_fn, env=limited_environment())


def stderr_text(result):
    # Damaged input may put any bytes in a message; the test must not be
    # the one to fail on them.
    return result.stderr.decode("utf-8", "replace")


def assert_refused(result, directory, starts_with, *fragments, code=2):
    """One line starting with `starts_with` (the file and the pointer or
    position), containing each fragment; nothing written in `directory`."""
    message = stderr_text(result).rstrip("\n")
    assert result.returncode == code, message
    assert "\n" not in message, message
    assert message.startswith(starts_with), message
    for fragment in fragments:
        assert fragment in message, message
    for word in ("internal error", "terminate called", "Sanitizer", "Traceback"):
        assert word not in message, message
    leftovers = [p.name for p in directory.rglob("*") if ".h5" in p.name]
    assert leftovers == [], leftovers
