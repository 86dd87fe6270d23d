"""Run a function in separate operating-system processes, as the workers of a real server would.

Each child is a fresh Python ("spawn", not fork): it sets Django up from the test settings, opens
its own database and cache connections to the test database, and runs the function named by its
dotted path.
"""

import multiprocessing
import os

from django.db import connection


def _child(function_path, args, database_name, results):
    try:
        import django

        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
        django.setup()
        from django.conf import settings
        from django.db import connections
        from django.utils.module_loading import import_string

        settings.DATABASES["default"]["NAME"] = database_name
        assert connections["default"].settings_dict["NAME"] == database_name
        try:
            results.put(("ok", import_string(function_path)(*args)))
        finally:
            connections.close_all()
    except BaseException as error:  # the parent reports it; a child must not die silently
        results.put(("error", repr(error)))


def run_in_processes(function_path, args_per_process, timeout=180):
    """Start one process per argument tuple; return their results in any order."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    database_name = connection.settings_dict["NAME"]
    processes = [
        context.Process(target=_child, args=(function_path, args, database_name, results)) for args in args_per_process
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=timeout) for _ in processes]
    for process in processes:
        process.join(timeout)
    errors = [value for status, value in outcomes if status == "error"]
    assert not errors, errors
    return [value for _, value in outcomes]
