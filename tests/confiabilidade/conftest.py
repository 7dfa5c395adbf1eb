from tests.worker import worker_celery  # noqa: F401 — fixture
