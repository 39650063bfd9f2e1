'use strict';
// Sessions: named and next-available acceptance, ordering, state, lock renewal, and the
// exclusive session lock.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../lib/emulator');
const { createClient, receiveExactly, assertRejectsWithCode } = require('../lib/helpers');

describe('sessions', () => {
  let emulator;
  let client;

  before(async () => {
    const sessionQueue = (name) => ({ name, properties: { RequiresSession: true, LockDuration: 'PT30S' } });
    emulator = await startEmulator({ config: { queues: [sessionQueue('named'), sessionQueue('next'), sessionQueue('state'), sessionQueue('exclusive')] } });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('acceptSession receives only that session, in order', async () => {
    const sender = client.createSender('named');
    await sender.sendMessages([
      { body: 'a1', sessionId: 'alpha', messageId: 'a1' },
      { body: 'b1', sessionId: 'beta', messageId: 'b1' },
      { body: 'a2', sessionId: 'alpha', messageId: 'a2' },
      { body: 'a3', sessionId: 'alpha', messageId: 'a3' },
    ]);
    await sender.close();

    const receiver = await client.acceptSession('named', 'alpha');
    assert.equal(receiver.sessionId, 'alpha');
    assert.ok(receiver.sessionLockedUntilUtc.getTime() > Date.now(), 'the session is locked for us');
    const got = await receiveExactly(receiver, 3);
    assert.deepEqual(
      got.map((m) => m.body),
      ['a1', 'a2', 'a3'],
    );
    for (const m of got) {
      assert.equal(m.sessionId, 'alpha');
      await receiver.completeMessage(m);
    }
    const more = await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 });
    assert.equal(more.length, 0, 'beta is not delivered to alpha');
    await receiver.close();

    const beta = await client.acceptSession('named', 'beta');
    const [b1] = await receiveExactly(beta, 1);
    assert.equal(b1.sessionId, 'beta');
    assert.equal(b1.body, 'b1');
    await beta.completeMessage(b1);
    await beta.close();
  });

  it('acceptNextSession picks a session that has messages', async () => {
    const sender = client.createSender('next');
    await sender.sendMessages({ body: 'only', sessionId: 'gamma', messageId: 'g1' });
    await sender.close();

    const receiver = await client.acceptNextSession('next', { maxAutoLockRenewalDurationInMs: 0 });
    assert.equal(receiver.sessionId, 'gamma');
    const [msg] = await receiveExactly(receiver, 1);
    assert.equal(msg.sessionId, 'gamma');
    assert.equal(msg.body, 'only');
    await receiver.completeMessage(msg);
    await receiver.close();
  });

  it('getSessionState/setSessionState and renewSessionLock', async () => {
    const sender = client.createSender('state');
    await sender.sendMessages({ body: 'step', sessionId: 'workflow-1' });
    await sender.close();

    const receiver = await client.acceptSession('state', 'workflow-1', { maxAutoLockRenewalDurationInMs: 0 });
    const initial = await receiver.getSessionState();
    assert.ok(initial === undefined || initial === null, `no state at first, got ${initial}`);
    await receiver.setSessionState({ step: 2, owner: 'interop' });
    assert.deepEqual(await receiver.getSessionState(), { step: 2, owner: 'interop' });
    await receiver.setSessionState('plain');
    assert.equal(await receiver.getSessionState(), 'plain');

    const before = receiver.sessionLockedUntilUtc.getTime();
    const asked = Date.now();
    const renewed = await receiver.renewSessionLock();
    assert.ok(renewed instanceof Date);
    assert.ok(renewed.getTime() >= before, 'renewal never shortens the session lock');
    assert.ok(renewed.getTime() >= asked + 30000 - 50, 'renewed by the 30 s lock duration');
    assert.equal(receiver.sessionLockedUntilUtc.getTime(), renewed.getTime());
    const [msg] = await receiveExactly(receiver, 1);
    await receiver.completeMessage(msg);
    await receiver.close();

    // State outlives the receiver.
    const again = await client.acceptSession('state', 'workflow-1');
    assert.equal(await again.getSessionState(), 'plain');
    await again.setSessionState(null);
    await again.close();
  });

  it('a session held by one receiver cannot be locked by another', async () => {
    const sender = client.createSender('exclusive');
    await sender.sendMessages({ body: 'mine', sessionId: 'held' });
    await sender.close();

    const holder = await client.acceptSession('exclusive', 'held');
    const other = createClient(emulator.connectionString);
    try {
      await assertRejectsWithCode(other.acceptSession('exclusive', 'held', { abortSignal: AbortSignal.timeout(10000) }), 'SessionCannotBeLocked');
      const [msg] = await receiveExactly(holder, 1);
      assert.equal(msg.body, 'mine');
      await holder.completeMessage(msg);
    } finally {
      await other.close();
      await holder.close();
    }

    // Released on close: the session can be accepted again.
    const later = await client.acceptSession('exclusive', 'held');
    assert.equal(later.sessionId, 'held');
    await later.close();
  });
});
