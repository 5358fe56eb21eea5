"""Runs the integration tests, one TAP line per test (tests/run counts them)."""
import os
import sys
import unittest

from harness import TapResult

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
pattern = sys.argv[1] if len(sys.argv) > 1 else 'test_*.py'
suite = unittest.defaultTestLoader.discover(here, pattern=pattern)
runner = unittest.TextTestRunner(resultclass=TapResult, verbosity=0, stream=sys.stderr)
result = runner.run(suite)
sys.exit(0 if result.wasSuccessful() else 1)
