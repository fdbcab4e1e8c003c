"""Enqueueing an import's items on the real Redis broker, sent in batches: one message per URL or
feed, one per RECORD_BATCH records."""

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


def _messages(client, name):
    """(task name, argument) of each message in the queue, in the order they were sent."""
    found = []
    for raw in reversed(client.lrange(name, 0, -1)):
        message = json.loads(raw)
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        found.append((message["headers"]["task"], args[0]))
    return found


def _item_ids(client, name):
    ids = []
    for task, arg in _messages(client, name):
        assert task == "claims.tasks.import_item_task"
        ids.append(arg)
    return sorted(ids)


def test_every_item_gets_exactly_one_message_across_batches(queue):
    client, name = queue
    item_ids = list(range(1, 2502))  # two full batches of 1000 and a partial one
    import_jobs.import_items_send(item_ids)
    assert _item_ids(client, name) == item_ids


def test_records_go_in_batches_in_order_and_every_item_in_exactly_one_message(queue):
    client, name = queue
    item_ids = list(range(1, 2502))
    records = item_ids[10:]
    import_jobs.import_items_send(item_ids, records=records)
    messages = _messages(client, name)
    singles = [arg for task, arg in messages if task == "claims.tasks.import_item_task"]
    batches = [arg for task, arg in messages if task == "claims.tasks.import_items_task"]
    assert len(singles) + len(batches) == len(messages)
    assert sorted(singles) == item_ids[:10]
    assert [item_id for batch in batches for item_id in batch] == records
    assert {len(batch) for batch in batches[:-1]} == {import_jobs.RECORD_BATCH}
