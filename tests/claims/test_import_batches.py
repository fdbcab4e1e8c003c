"""Records go to the workers RECORD_BATCH to a message (import_items_task), URLs and feeds one
each; a batch imports each of its items as the task of one item would."""

import pytest
from django.db import OperationalError
from django.utils import timezone

from claims import tasks
from claims.models import ImportItem, ImportSource, ItemStatus
from claims.services import dispatch
from claims.services.import_items import import_items_sweep
from claims.services.import_jobs import RECORD_BATCH, import_job_create

pytestmark = pytest.mark.django_db

TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."


@pytest.fixture
def sent(monkeypatch):
    """The messages sent, as (task name, argument, options), instead of sending them."""
    messages = []

    def send_each(task_name, ids, **options):
        messages.extend((task_name, id_, options) for id_ in ids)
        return True

    monkeypatch.setattr(dispatch, "send_each", send_each)
    return messages


def _job(records=0, urls=0):
    return import_job_create(
        source=ImportSource.API,
        records=[{"text": f"{TEXT} Item {i}."} for i in range(records)],
        urls=[f"https://news.example.org/{i}" for i in range(urls)],
    )


def test_records_go_in_batches_and_urls_one_each(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _job(records=2 * RECORD_BATCH + 3, urls=2)
    items = list(job.items.order_by("position").values_list("id", "kind"))
    urls = [item_id for item_id, kind in items if kind == "url"]
    records = [item_id for item_id, kind in items if kind == "record"]
    assert [(name, arg) for name, arg, _ in sent] == [
        ("claims.tasks.import_item_task", urls[0]),
        ("claims.tasks.import_item_task", urls[1]),
        ("claims.tasks.import_items_task", records[:RECORD_BATCH]),
        ("claims.tasks.import_items_task", records[RECORD_BATCH : 2 * RECORD_BATCH]),
        ("claims.tasks.import_items_task", records[2 * RECORD_BATCH :]),
    ]


def test_a_batch_imports_each_of_its_items(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = _job(records=3)
    tasks.import_items_task(list(job.items.values_list("id", flat=True)))
    job.refresh_from_db()
    assert (job.done, job.failed, job.is_finished) == (3, 0, True)


def test_an_item_with_a_transient_error_goes_on_alone_and_the_others_carry_on(
    sent, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        job = _job(records=3)
    first, second, third = job.items.order_by("position").values_list("id", flat=True)
    real = tasks.import_item_process

    def process(*, item_id):
        if item_id == second:
            raise OperationalError("the database went away")
        real(item_id=item_id)

    monkeypatch.setattr(tasks, "import_item_process", process)
    tasks.import_items_task([first, second, third])
    statuses = dict(job.items.values_list("id", "status"))
    assert (statuses[first], statuses[second], statuses[third]) == (
        ItemStatus.DONE,
        ItemStatus.QUEUED,
        ItemStatus.DONE,
    )
    [(name, arg, options)] = [m for m in sent if m[0] != "claims.tasks.match_article_task"]
    # As the first retry of the item's own task: the same backoff, the same number of tries.
    assert (name, arg, options["retries"]) == ("claims.tasks.import_item_task", second, 1)
    assert 0 <= options["countdown"] <= tasks.import_item_task.retry_backoff


def test_an_item_whose_retry_cannot_be_sent_is_left_for_the_sweeper(
    monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        job = _job(records=1)
    item = job.items.get()

    def process(*, item_id):
        raise OperationalError("the database went away")

    monkeypatch.setattr(tasks, "import_item_process", process)
    monkeypatch.setattr(dispatch, "send_each", lambda *args, **kwargs: False)
    tasks.import_items_task([item.id])
    item.refresh_from_db()
    assert (item.status, item.enqueued_at) == (ItemStatus.QUEUED, None)
    assert import_items_sweep(now=timezone.now()) == [item.id]


def test_a_slow_batch_sends_the_rest_on_after_its_first_item(
    sent, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        job = _job(records=4)
    item_ids = list(job.items.order_by("position").values_list("id", flat=True))
    monkeypatch.setattr(tasks, "BATCH_START_SECONDS", -1)
    tasks.import_items_task(item_ids)
    assert ImportItem.objects.get(id=item_ids[0]).status == ItemStatus.DONE
    assert set(job.items.exclude(id=item_ids[0]).values_list("status", flat=True)) == {
        ItemStatus.QUEUED
    }
    assert [(name, arg) for name, arg, _ in sent if name.endswith("import_items_task")] == [
        ("claims.tasks.import_items_task", item_ids[1:])
    ]


def test_a_batch_has_the_time_limits_of_one_item_and_the_time_it_may_wait():
    from django.conf import settings

    assert tasks.import_items_task.soft_time_limit == (
        settings.CELERY_TASK_SOFT_TIME_LIMIT + tasks.BATCH_START_SECONDS
    )
    assert tasks.import_items_task.time_limit == (
        settings.CELERY_TASK_TIME_LIMIT + tasks.BATCH_START_SECONDS
    )
