'use strict';
// Scheduled messages: schedule, browse as scheduled, cancel, and activation when due.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../lib/emulator');
const { createClient, receiveExactly, peekAll, seq } = require('../lib/helpers');

describe('scheduling', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({ config: { queues: [{ name: 'scheduled' }, { name: 'due' }, { name: 'by-property' }] } });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('scheduleMessages and cancelScheduledMessages', async () => {
    const at = new Date(Math.ceil((Date.now() + 3600_000) / 1000) * 1000);
    const sender = client.createSender('scheduled');
    const seqs = await sender.scheduleMessages(
      [
        { body: 'first', messageId: 'sch-1' },
        { body: 'second', messageId: 'sch-2' },
        { body: 'third', messageId: 'sch-3' },
      ],
      at,
    );
    assert.equal(seqs.length, 3);
    const numbers = seqs.map(seq);
    assert.ok(numbers[0] < numbers[1] && numbers[1] < numbers[2], `increasing: ${numbers}`);

    const peeked = await peekAll(client, 'scheduled');
    assert.deepEqual(
      peeked.map((m) => m.messageId),
      ['sch-1', 'sch-2', 'sch-3'],
    );
    for (const m of peeked) {
      assert.equal(m.state, 'scheduled');
      assert.equal(m.scheduledEnqueueTimeUtc.getTime(), at.getTime());
    }
    assert.deepEqual(peeked.map((m) => seq(m.sequenceNumber)), numbers);

    await sender.cancelScheduledMessages([seqs[0], seqs[2]]);
    const left = await peekAll(client, 'scheduled');
    assert.deepEqual(
      left.map((m) => m.messageId),
      ['sch-2'],
    );
    await sender.cancelScheduledMessages([seqs[1]]);
    await sender.close();
    assert.equal((await peekAll(client, 'scheduled')).length, 0);

    // Nothing scheduled is receivable before its time.
    const receiver = client.createReceiver('scheduled');
    const early = await receiver.receiveMessages(1, { maxWaitTimeInMs: 500 });
    assert.equal(early.length, 0);
    await receiver.close();
  });

  it('sendMessages with scheduledEnqueueTimeUtc schedules too', async () => {
    const at = new Date(Math.ceil((Date.now() + 2 * 3600_000) / 1000) * 1000);
    const sender = client.createSender('by-property');
    await sender.sendMessages([
      { body: 'later', messageId: 'prop-1', scheduledEnqueueTimeUtc: at },
      { body: 'now', messageId: 'prop-2' },
    ]);
    const peeked = await peekAll(client, 'by-property');
    assert.deepEqual(
      peeked.map((m) => [m.messageId, m.state]),
      [
        ['prop-1', 'scheduled'],
        ['prop-2', 'active'],
      ],
    );
    assert.equal(peeked[0].scheduledEnqueueTimeUtc.getTime(), at.getTime());
    // A message scheduled this way is cancelled by its sequence number like any other.
    await sender.cancelScheduledMessages([peeked[0].sequenceNumber]);
    await sender.close();
    assert.deepEqual(
      (await peekAll(client, 'by-property')).map((m) => m.messageId),
      ['prop-2'],
    );
  });

  it('a scheduled message becomes active when due', async () => {
    const at = new Date(Date.now() + 2000);
    const sender = client.createSender('due');
    const [number] = await sender.scheduleMessages({ body: 'wake up', messageId: 'due-1' }, at);
    await sender.close();

    const receiver = client.createReceiver('due');
    const [msg] = await receiveExactly(receiver, 1, 15000);
    // Judged by arrival time, not by an early probe, so a slow machine cannot fail it.
    assert.ok(Date.now() >= at.getTime() - 50, 'not delivered before its time');
    assert.equal(msg.messageId, 'due-1');
    assert.equal(msg.body, 'wake up');
    assert.equal(seq(msg.sequenceNumber), seq(number));
    assert.equal(msg.scheduledEnqueueTimeUtc.getTime(), at.getTime());
    await receiver.completeMessage(msg);
    await receiver.close();
  });
});
