"""Checks of optuna_fidelity.py's statistics: /usr/bin/python3 -m unittest discover -s benchmarks/Peers"""

import math
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import optuna_fidelity  # noqa: E402 (after the path is set)


class QuartilesTest(unittest.TestCase):
    def test_interpolates_linearly_between_order_statistics_as_the_suite_does(self):
        self.assertEqual(optuna_fidelity.quartiles([5, 1, 4, 2, 3]), (2, 3, 4))
        self.assertEqual(optuna_fidelity.quartiles([1, 2, 3, 4]), (1.75, 2.5, 3.25))

    def test_runs_without_a_result_make_a_quartile_infinite_never_nan(self):
        q1, median, q3 = optuna_fidelity.quartiles([0.1, math.inf, math.inf, math.inf])
        self.assertEqual((q1, median, q3), (math.inf, math.inf, math.inf))


if __name__ == "__main__":
    unittest.main()
