"""tools/search_verdicts.py: the line the first n worlds prefer, its lead over the planner's and that lead's paired error."""

import math

from tools.search_verdicts import verdict


def test_the_verdict_of_the_first_n_worlds_is_the_best_mean_with_its_paired_standard_error():
    planner = [1.0, 2.0, 3.0, 10.0]
    other = [2.0, 2.0, 5.0, 0.0]  # ahead in the first three worlds, far behind in the fourth
    best, lead, se = verdict([planner, other], 3)
    assert best == 1 and math.isclose(lead, 1.0)
    assert math.isclose(se, math.sqrt(1.0 / 3))  # leads 1, 0, 2: their sd 1 over √3
    assert verdict([planner, other], 4) == (0, 0.0, 0.0)  # all four: the planner's line stands
