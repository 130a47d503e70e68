"""twt_py in a PyScript worker (`<script type="py|mpy" worker>`), bound to the page's window.

The facade tests and the loading matrix run here unchanged, on `/_t/<runtime>-worker/<name>`:
the same page's Python in a worker, on a cross-origin isolated page (`WORKER_MODE` makes
`tests/conftest.py` pick those runtimes; Brython has no worker mode). The tests of this file's
own are what only a worker has: the error on a page that is not isolated.
"""


from test_facade import (  # noqa: F401  (collected here, in worker mode)
    facade,
    test_before_ready_state_and_bad_input,
    test_commands_state_and_subscribers_after_ready,
    test_pending_commands_apply_in_order_at_ready,
    test_ready_timeout_then_ready_releases_its_timers,
)
from test_leaks import test_ten_thousand_cycles_leave_nothing  # noqa: F401
from test_loading import test_load_order  # noqa: F401

WORKER_MODE = True
