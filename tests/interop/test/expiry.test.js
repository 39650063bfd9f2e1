'use strict';
// Time to live: expired messages go to the DLQ when the entity dead-letters on expiration,
// and vanish otherwise.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../lib/emulator');
const { createClient, peekAll, pollUntil, waitUntilTime } = require('../lib/helpers');

describe('expiry', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({
      config: {
        queues: [
          { name: 'ttl-dlq', properties: { DefaultMessageTimeToLive: 'PT2S', DeadLetteringOnMessageExpiration: true } },
          { name: 'ttl-drop', properties: { DefaultMessageTimeToLive: 'PT1H', DeadLetteringOnMessageExpiration: false } },
        ],
      },
    });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  // Service Bus expires lazily (on a receive attempt) or in the background; either way a
  // receive attempt on the main queue must not hand out an expired message.
  async function expireThrough(queue) {
    const receiver = client.createReceiver(queue);
    try {
      const got = await receiver.receiveMessages(5, { maxWaitTimeInMs: 300 });
      assert.equal(got.length, 0, `expired messages must not be delivered from ${queue}`);
    } finally {
      await receiver.close();
    }
  }

  it('the queue default TTL (2 s) dead-letters with TTLExpiredException', async () => {
    const sender = client.createSender('ttl-dlq');
    const sentAt = Date.now();
    await sender.sendMessages({ body: 'perishable', messageId: 'ttl-1' });
    await sender.close();

    const [active] = await peekAll(client, 'ttl-dlq');
    assert.equal(active.messageId, 'ttl-1');

    // Due 2 s after the broker enqueued it (a little after sentAt); a margin covers timer grain.
    assert.ok(active.enqueuedTimeUtc.getTime() >= sentAt - 1000);
    await waitUntilTime(active.enqueuedTimeUtc.getTime() + 2000 + 250);
    const dead = await pollUntil(async () => {
      await expireThrough('ttl-dlq');
      const dlq = await peekAll(client, 'ttl-dlq', { subQueueType: 'deadLetter' });
      return dlq.length > 0 ? dlq : undefined;
    }, 15000);
    assert.ok(dead, 'the expired message reached the DLQ');
    assert.equal(dead.length, 1);
    assert.equal(dead[0].messageId, 'ttl-1');
    assert.equal(dead[0].body, 'perishable');
    assert.equal(dead[0].deadLetterReason, 'TTLExpiredException');
    assert.equal((await peekAll(client, 'ttl-dlq')).length, 0, 'gone from the main queue');
  });

  it('a message without TTL reports the entity default', async () => {
    const sender = client.createSender('ttl-drop');
    await sender.sendMessages({ body: 'default', messageId: 'default-ttl' });
    await sender.close();
    const receiver = client.createReceiver('ttl-drop', { receiveMode: 'receiveAndDelete' });
    const [msg] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
    await receiver.close();
    assert.equal(msg.messageId, 'default-ttl');
    assert.equal(msg.timeToLive, 3600000, 'PT1H from the entity');
  });

  it('a per-message TTL shorter than the entity default applies; no DLQ without dead-lettering', async () => {
    const sender = client.createSender('ttl-drop');
    const sentAt = Date.now();
    await sender.sendMessages({ body: 'short', messageId: 'short-1', timeToLive: 2000 });
    await sender.close();
    const [active] = await peekAll(client, 'ttl-drop');
    assert.equal(active.timeToLive, 2000);

    await waitUntilTime(active.expiresAtUtc.getTime() + 250);
    assert.ok(active.expiresAtUtc.getTime() - sentAt < 5000, 'expires within seconds');
    const gone = await pollUntil(async () => {
      await expireThrough('ttl-drop');
      return (await peekAll(client, 'ttl-drop')).length === 0;
    }, 15000);
    assert.ok(gone, 'the short-lived message expired');
    assert.equal((await peekAll(client, 'ttl-drop', { subQueueType: 'deadLetter' })).length, 0, 'not dead-lettered');
  });
});
