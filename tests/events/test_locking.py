from unittest import mock

import pytest

from events import services


def test_lock_event_refuses_to_run_outside_a_transaction():
    # Outside atomic() a SELECT … FOR UPDATE would release its lock at once. No database is
    # needed: the check comes before any query.
    with pytest.raises(RuntimeError):
        services.lock_event(mock.Mock(pk=1))
