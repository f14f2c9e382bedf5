"""The worker's stages in one process: fan-out, claiming with the ordering rule, recording
outcomes, leases, and the history purge. (tests/notificaties/test_delivery.py runs the same code as
real processes against real HTTP servers.)"""

import datetime as dt

import pytest
from django.utils import timezone

from zaakwerk.core.models import OutboxMessage
from zaakwerk.notificaties.delivery import Result
from zaakwerk.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal
from zaakwerk.notificaties.routing import sequence_key
from zaakwerk.notificaties.worker import Item, Worker

pytestmark = pytest.mark.django_db


def abonnement(kanaal="zaken", filters=None, url="http://127.0.0.1:9/hook"):
    ab = Abonnement.objects.create(callback_url=url, auth="Bearer x")
    FilterGroup.objects.create(abonnement=ab, kanaal=Kanaal.objects.get(naam=kanaal), filters=filters or {})
    return ab


def message(hoofd="z1", kanaal="zaken", **kenmerken):
    return OutboxMessage.objects.create(kanaal=kanaal, hoofd_object=f"https://x.example/zaken/{hoofd}",
                                        resource="zaak", resource_url=f"https://x.example/zaken/{hoofd}",
                                        actie="create", aanmaakdatum=timezone.now(), kenmerken=kenmerken)


def test_fan_out_makes_one_delivery_per_matching_abonnement_and_marks_the_messages():
    a = abonnement()
    b = abonnement(filters={"bronorganisatie": "1"})
    m1 = message("z1", bronorganisatie="1")
    m2 = message("z2", bronorganisatie="2")
    m3 = message("z3", kanaal="documenten")
    w = Worker(batch_size=10, concurrency=1)
    assert w.fan_out() == 3
    assert sorted(Delivery.objects.values_list("message_id", "abonnement_id")) == sorted(
        [(m1.id, a.pk), (m1.id, b.pk), (m2.id, a.pk)])
    assert not OutboxMessage.objects.filter(processed__isnull=True).exists()
    assert w.fan_out() == 0  # nothing is routed twice
    assert Delivery.objects.count() == 3
    m3.refresh_from_db()
    assert m3.processed is not None  # no abonnement on its kanaal: processed, nothing to deliver


def test_fan_out_takes_the_oldest_messages_first_in_batches():
    abonnement()
    messages = [message(f"z{i}") for i in range(5)]
    w = Worker(batch_size=2, concurrency=1)
    w.fan_out()
    assert set(Delivery.objects.values_list("message_id", flat=True)) == {messages[0].id, messages[1].id}


def _deliveries(ab, *hoofden):
    return [Delivery.objects.create(message=message(h), abonnement=ab, sequence_key=sequence_key(ab.pk, h))
            for h in hoofden]


def test_claim_takes_whole_sequences_in_order_and_one_lease():
    ab = abonnement()
    d = _deliveries(ab, "a", "a", "b", "a")
    batch = Worker(batch_size=10, concurrency=1).claim()
    assert sorted(batch.chains) == sorted([[d[0].id, d[1].id, d[3].id], [d[2].id]])
    claimed = Delivery.objects.filter(id__in=batch.claimed)
    assert {c.claimed_by for c in claimed} == {batch.token}
    assert all(c.claimed_until > timezone.now() for c in claimed)
    # claimed by a live lease: another worker gets nothing
    assert Worker(batch_size=10, concurrency=1).claim() is None


def test_a_retrying_message_holds_back_the_later_ones_of_its_hoofdobject_only():
    ab = abonnement()
    a1, a2, b1 = _deliveries(ab, "a", "a", "b")
    Delivery.objects.filter(id=a1.id).update(attempts=2, next_attempt_at=timezone.now() + dt.timedelta(hours=1))
    batch = Worker(batch_size=10, concurrency=1).claim()
    assert batch.chains == [[b1.id]]  # a2 waits for a1, though a2 itself is due


def test_a_dead_letter_no_longer_holds_back_its_hoofdobject():
    ab = abonnement()
    a1, a2 = _deliveries(ab, "a", "a")
    Delivery.objects.filter(id=a1.id).update(state=Delivery.DEAD)
    assert Worker(batch_size=10, concurrency=1).claim().chains == [[a2.id]]


def test_the_batch_size_limits_a_claim_and_the_rest_follows():
    ab = abonnement()
    d = _deliveries(ab, "a", "a", "a", "b", "c")
    first = Worker(batch_size=2, concurrency=1).claim()
    assert len(first.claimed) == 2
    second = Worker(batch_size=10, concurrency=1).claim()
    assert not set(first.claimed) & set(second.claimed)
    assert len(first.claimed) + len(second.claimed) <= len(d)


def test_an_expired_lease_is_taken_over():
    ab = abonnement()
    (d,) = _deliveries(ab, "a")
    Delivery.objects.filter(id=d.id).update(claimed_until=timezone.now() - dt.timedelta(seconds=1),
                                            claimed_by="dead-worker")
    batch = Worker(batch_size=10, concurrency=1).claim()
    assert batch.claimed == [d.id]


def _item(d, attempts=0):
    return Item(id=d.id, attempts=attempts, target=str(d.abonnement_id), callback_url="http://x", auth="",
                kanaal="zaken", message_id=d.message_id)


def test_record_delivered_retry_and_dead(settings):
    settings.ZAAKWERK_NOTIFICATIES_MAX_ATTEMPTS = 3
    settings.ZAAKWERK_NOTIFICATIES_BACKOFF = 10
    settings.ADMINS = []
    ab = abonnement()
    ok, retry, dead, untouched = _deliveries(ab, "a", "b", "c", "d")
    w = Worker(batch_size=10, concurrency=1)
    batch = w.claim()
    w.record(batch, [(_item(ok), Result(True, 204)), (_item(retry), Result(False, 500, "kapot")),
                     (_item(dead, attempts=2), Result(False, error="geen verbinding"))])
    ok.refresh_from_db(), retry.refresh_from_db(), dead.refresh_from_db(), untouched.refresh_from_db()
    assert (ok.state, ok.attempts, ok.status_code, ok.claimed_until) == (Delivery.DELIVERED, 1, 204, None)
    assert (retry.state, retry.attempts, retry.response) == (Delivery.PENDING, 1, "kapot")
    assert retry.next_attempt_at > timezone.now() + dt.timedelta(seconds=9)
    assert (dead.state, dead.attempts, dead.error) == (Delivery.DEAD, 3, "geen verbinding")
    assert (untouched.state, untouched.attempts, untouched.claimed_until) == (Delivery.PENDING, 0, None)


def test_record_leaves_rows_another_worker_took_over():
    ab = abonnement()
    (d,) = _deliveries(ab, "a")
    w = Worker(batch_size=10, concurrency=1)
    batch = w.claim()
    Delivery.objects.filter(id=d.id).update(claimed_by="someone-else")  # the lease ran out meanwhile
    w.record(batch, [(_item(d), Result(True, 204))])
    d.refresh_from_db()
    assert d.state == Delivery.PENDING and d.claimed_by == "someone-else"


def test_purge_removes_old_history_but_keeps_open_work_and_dead_letters(settings):
    settings.ZAAKWERK_NOTIFICATIES_RETENTION_DAYS = 7
    ab = abonnement()
    old, recent, open_, dead = _deliveries(ab, "a", "b", "c", "d")
    long_ago = timezone.now() - dt.timedelta(days=8)
    Delivery.objects.filter(id=old.id).update(state=Delivery.DELIVERED, delivered_at=long_ago)
    Delivery.objects.filter(id=recent.id).update(state=Delivery.DELIVERED, delivered_at=timezone.now())
    Delivery.objects.filter(id=dead.id).update(state=Delivery.DEAD)
    OutboxMessage.objects.all().update(processed=long_ago)
    lonely = message("e")
    OutboxMessage.objects.filter(id=lonely.id).update(processed=long_ago)
    Worker(concurrency=1).purge()
    assert set(Delivery.objects.values_list("id", flat=True)) == {recent.id, open_.id, dead.id}
    remaining = set(OutboxMessage.objects.values_list("id", flat=True))
    assert old.message_id not in remaining and lonely.id not in remaining
    assert {recent.message_id, open_.message_id, dead.message_id} <= remaining


def test_deleting_an_abonnement_drops_its_open_deliveries():
    from zaakwerk.core.actor import Actor
    from zaakwerk.notificaties import domain

    ab = abonnement()
    _deliveries(ab, "a")
    domain.delete_abonnement(Actor.system("http://testserver"), ab)
    assert not Delivery.objects.exists()
