"""Run a function in separate operating-system processes, as the workers of a real server would.

The children are forked from the test process, so they inherit its settings (the test database,
the cache) but open their own database and Redis connections.
"""

import multiprocessing

from django.db import connections


def _child(function, args, results):
    try:
        results.put(("ok", function(*args)))
    except BaseException as error:  # the parent reports it; a child must not die silently
        results.put(("error", repr(error)))
    finally:
        connections.close_all()


def run_in_processes(function, args_per_process, timeout=120):
    """Start one process per argument tuple at once; return their results in any order."""
    connections.close_all()  # a forked child must not share the parent's database connection
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=_child, args=(function, args, results)) for args in args_per_process]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=timeout) for _ in processes]
    for process in processes:
        process.join(timeout)
    errors = [value for status, value in outcomes if status == "error"]
    assert not errors, errors
    return [value for _, value in outcomes]
