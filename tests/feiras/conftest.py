import pytest
from celery import current_app


@pytest.fixture(autouse=True)
def _celery_ansioso():
    """Os testes do app conferem e-mails e avisos na hora, mesmo quando há Redis no ambiente."""
    antes = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = antes
