"""Enqueueing an import's items: one message per item on the real Redis broker, sent in batches."""

import base64
import json
import uuid

import pytest
import redis

from claims.services import import_jobs
from workbench.celery import app as celery_app

pytestmark = pytest.mark.redis


@pytest.fixture
def queue():
    name = f"test-enqueue-{uuid.uuid4().hex[:8]}"
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = name
    client = redis.Redis.from_url(celery_app.conf.broker_url)
    yield client, name
    celery_app.conf.task_default_queue = previous
    client.delete(name)


def _item_ids(client, name):
    ids = []
    for raw in client.lrange(name, 0, -1):
        message = json.loads(raw)
        assert message["headers"]["task"] == "claims.tasks.import_item_task"
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        ids.append(args[0])
    return sorted(ids)


def test_every_item_gets_exactly_one_message_across_batches(queue):
    client, name = queue
    item_ids = list(range(1, 2502))  # two full batches of 1000 and a partial one
    import_jobs.import_items_send(item_ids)
    assert _item_ids(client, name) == item_ids
