'use strict';
// Peek-lock settlement: abandon to the max delivery count, explicit dead-lettering, deferral,
// lock renewal and lock loss.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../lib/emulator');
const { createClient, receiveExactly, peekAll, waitUntilTime, assertRejectsWithCode, seq } = require('../lib/helpers');

describe('settlement', () => {
  let emulator;
  let client;

  before(async () => {
    const q = (name, properties) => ({ name, properties: { LockDuration: 'PT30S', MaxDeliveryCount: 3, ...properties } });
    emulator = await startEmulator({
      config: {
        queues: [q('abandon'), q('deadletter'), q('defer'), q('renew', { LockDuration: 'PT5S' }), q('locklost', { LockDuration: 'PT5S' })],
      },
    });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('abandon up to MaxDeliveryCount moves the message to the DLQ', async () => {
    const sender = client.createSender('abandon');
    await sender.sendMessages({ body: 'poison', messageId: 'poison-1' });
    await sender.close();

    const receiver = client.createReceiver('abandon', { maxAutoLockRenewalDurationInMs: 0 });
    const counts = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [msg] = await receiveExactly(receiver, 1);
      assert.equal(msg.messageId, 'poison-1');
      counts.push(msg.deliveryCount);
      await receiver.abandonMessage(msg);
    }
    await receiver.close();
    assert.equal(counts[1], counts[0] + 1, `delivery count grows by one per delivery: ${counts}`);
    assert.equal(counts[2], counts[1] + 1, `delivery count grows by one per delivery: ${counts}`);

    assert.equal((await peekAll(client, 'abandon')).length, 0, 'main queue is empty');
    const dlq = client.createReceiver('abandon', { subQueueType: 'deadLetter' });
    const [dead] = await receiveExactly(dlq, 1);
    assert.equal(dead.messageId, 'poison-1');
    assert.equal(dead.body, 'poison');
    assert.equal(dead.deadLetterReason, 'MaxDeliveryCountExceeded');
    assert.equal(typeof dead.deadLetterErrorDescription, 'string');
    assert.ok(dead.deadLetterErrorDescription.length > 0, 'a description is set');
    await dlq.completeMessage(dead);
    await dlq.close();
  });

  it('deadLetterMessage keeps reason, description and modified properties', async () => {
    const sender = client.createSender('deadletter');
    await sender.sendMessages({ body: { id: 9 }, messageId: 'dl-1', applicationProperties: { origin: 'test', attempt: 1 } });
    await sender.close();

    const receiver = client.createReceiver('deadletter');
    const [msg] = await receiveExactly(receiver, 1);
    await receiver.deadLetterMessage(msg, {
      deadLetterReason: 'ValidationFailed',
      deadLetterErrorDescription: 'field "customer" is missing',
      attempt: 2,
      reviewedBy: 'interop',
    });
    await receiver.close();

    const dlq = client.createReceiver('deadletter', { subQueueType: 'deadLetter' });
    const [dead] = await receiveExactly(dlq, 1);
    assert.equal(dead.messageId, 'dl-1');
    assert.deepEqual(dead.body, { id: 9 });
    assert.equal(dead.deadLetterReason, 'ValidationFailed');
    assert.equal(dead.deadLetterErrorDescription, 'field "customer" is missing');
    assert.equal(dead.applicationProperties.origin, 'test');
    assert.equal(dead.applicationProperties.attempt, 2);
    assert.equal(dead.applicationProperties.reviewedBy, 'interop');
    await dlq.completeMessage(dead);
    await dlq.close();
    assert.equal((await peekAll(client, 'deadletter')).length, 0);
  });

  it('defer hides a message until receiveDeferredMessages', async () => {
    const sender = client.createSender('defer');
    await sender.sendMessages([
      { body: 'later', messageId: 'def-1' },
      { body: 'now', messageId: 'def-2' },
    ]);
    await sender.close();

    const receiver = client.createReceiver('defer');
    const [first] = await receiveExactly(receiver, 1);
    assert.equal(first.messageId, 'def-1');
    const deferredSeq = first.sequenceNumber;
    await receiver.deferMessage(first, { deferredBy: 'interop' });

    const [second] = await receiveExactly(receiver, 1);
    assert.equal(second.messageId, 'def-2', 'a deferred message is not received again');
    await receiver.completeMessage(second);

    const peeked = await receiver.peekMessages(10, { fromSequenceNumber: deferredSeq });
    assert.equal(peeked.length, 1);
    assert.equal(peeked[0].state, 'deferred');
    assert.equal(peeked[0].applicationProperties.deferredBy, 'interop');

    const [deferred] = await receiver.receiveDeferredMessages([deferredSeq]);
    assert.equal(deferred.messageId, 'def-1');
    assert.equal(deferred.body, 'later');
    assert.equal(seq(deferred.sequenceNumber), seq(deferredSeq));
    assert.ok(deferred.lockToken, 'a deferred message is received locked');
    await receiver.completeMessage(deferred);
    await receiver.close();
    assert.equal((await peekAll(client, 'defer')).length, 0);
  });

  it('a queue-local dead letter carries no deadLetterSource', async () => {
    const sender = client.createSender('deadletter');
    await sender.sendMessages({ body: 'src', messageId: 'dl-src' });
    await sender.close();
    const receiver = client.createReceiver('deadletter');
    const [msg] = await receiveExactly(receiver, 1);
    await receiver.deadLetterMessage(msg, { deadLetterReason: 'Checked' });
    await receiver.close();
    const dlq = client.createReceiver('deadletter', { subQueueType: 'deadLetter', receiveMode: 'receiveAndDelete' });
    const [dead] = await receiveExactly(dlq, 1);
    await dlq.close();
    assert.equal(dead.messageId, 'dl-src');
    // Service Bus sets it only on messages auto-forwarded out of a DLQ.
    assert.equal(dead.deadLetterSource, undefined);
  });

  it('receiveDeferredMessages returns the message in state deferred', async () => {
    const sender = client.createSender('defer');
    await sender.sendMessages({ body: 'state', messageId: 'def-state' });
    await sender.close();
    const receiver = client.createReceiver('defer');
    const [msg] = await receiveExactly(receiver, 1);
    await receiver.deferMessage(msg);
    const [deferred] = await receiver.receiveDeferredMessages([msg.sequenceNumber]);
    await receiver.completeMessage(deferred);
    await receiver.close();
    assert.equal(deferred.messageId, 'def-state');
    assert.equal(deferred.state, 'deferred');
  });

  it('renewMessageLock keeps a message past its lock duration', async () => {
    const sender = client.createSender('renew');
    await sender.sendMessages({ body: 'long job', messageId: 'renew-1' });
    await sender.close();

    const receiver = client.createReceiver('renew', { maxAutoLockRenewalDurationInMs: 0 });
    const [msg] = await receiveExactly(receiver, 1);
    const firstLockedUntil = msg.lockedUntilUtc.getTime();
    assert.ok(firstLockedUntil - Date.now() <= 6000, 'lock duration is the queue 5 s');
    // Renew until the first lock would have run out, then settle: the lock must still hold.
    let lockedUntil = firstLockedUntil;
    while (Date.now() < firstLockedUntil + 1000) {
      const asked = Date.now();
      const renewed = await receiver.renewMessageLock(msg);
      assert.ok(renewed instanceof Date);
      assert.ok(renewed.getTime() >= lockedUntil, 'renewal never shortens the lock');
      // Measured from before the request, so a slow round trip cannot fail it.
      assert.ok(renewed.getTime() >= asked + 5000 - 50, 'renewal extends by the 5 s lock duration');
      assert.equal(msg.lockedUntilUtc.getTime(), renewed.getTime(), 'the SDK updates the message');
      lockedUntil = renewed.getTime();
      await waitUntilTime(Math.min(Date.now() + 2000, firstLockedUntil + 1000));
    }
    assert.ok(lockedUntil > firstLockedUntil);
    await receiver.completeMessage(msg);
    await receiver.close();
    assert.equal((await peekAll(client, 'renew')).length, 0);
  });

  it('completing after the lock expired fails with MessageLockLost', async () => {
    const sender = client.createSender('locklost');
    await sender.sendMessages({ body: 'slow', messageId: 'lost-1' });
    await sender.close();

    const receiver = client.createReceiver('locklost', { maxAutoLockRenewalDurationInMs: 0 });
    const [msg] = await receiveExactly(receiver, 1);
    await waitUntilTime(msg.lockedUntilUtc.getTime() + 1000);
    await assertRejectsWithCode(receiver.completeMessage(msg), 'MessageLockLost');

    // The message is available again, with its delivery count raised.
    const [again] = await receiveExactly(receiver, 1);
    assert.equal(again.messageId, 'lost-1');
    assert.equal(again.deliveryCount, msg.deliveryCount + 1);
    await receiver.completeMessage(again);
    await receiver.close();
  });
});
