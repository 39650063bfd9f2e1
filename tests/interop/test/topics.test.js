'use strict';
// Topics: fan-out to subscriptions through SQL and correlation filters and rule actions, and
// the rule manager (createRule/getRules/deleteRule over AMQP management).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../lib/emulator');
const { createClient, receiveExactly } = require('../lib/helpers');

async function drain(client, topic, subscription, expected) {
  const receiver = client.createReceiver(topic, subscription, { receiveMode: 'receiveAndDelete' });
  try {
    const got = await receiveExactly(receiver, expected);
    const extra = await receiver.receiveMessages(5, { maxWaitTimeInMs: 300 });
    assert.equal(extra.length, 0, `${subscription}: no more than ${expected} messages (extra: ${extra.map((m) => m.messageId)})`);
    return got;
  } finally {
    await receiver.close();
  }
}

const ids = (messages) => messages.map((m) => m.messageId).sort();

describe('topics', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({
      config: {
        topics: [
          {
            name: 'orders',
            subscriptions: [
              { name: 'all' },
              {
                name: 'high-eu',
                rules: [{ Name: 'high-eu', Properties: { FilterType: 'Sql', SqlFilter: { SqlExpression: "priority > 5 AND region = 'eu'" } } }],
              },
              {
                name: 'invoices',
                rules: [
                  {
                    Name: 'paper-invoices',
                    Properties: { FilterType: 'Correlation', CorrelationFilter: { Label: 'invoice', Properties: { kind: 'paper' } } },
                  },
                ],
              },
              {
                name: 'routed',
                rules: [
                  {
                    Name: 'us-route',
                    Properties: {
                      FilterType: 'Sql',
                      SqlFilter: { SqlExpression: "region = 'us'" },
                      Action: { SqlExpression: "SET sys.Label = 'routed-us'; SET handled = 'yes'; REMOVE secret" },
                    },
                  },
                ],
              },
              { name: 'managed' },
            ],
          },
          {
            name: 'alerts',
            subscriptions: [
              { name: 'triage', properties: { MaxDeliveryCount: 2, LockDuration: 'PT30S' } },
              { name: 'by-device', properties: { RequiresSession: true } },
            ],
          },
        ],
      },
    });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('routes a known mix through SQL, correlation and action rules', async () => {
    const sender = client.createSender('orders');
    await sender.sendMessages([
      { messageId: 'm1', body: 1, subject: 'order', applicationProperties: { priority: 9, region: 'eu' } },
      { messageId: 'm2', body: 2, subject: 'order', applicationProperties: { priority: 3, region: 'eu' } },
      { messageId: 'm3', body: 3, subject: 'invoice', applicationProperties: { kind: 'paper', region: 'us', secret: 's3' } },
      { messageId: 'm4', body: 4, subject: 'invoice', applicationProperties: { kind: 'email', priority: 7, region: 'eu' } },
      { messageId: 'm5', body: 5, subject: 'Invoice', applicationProperties: { kind: 'paper' } },
    ]);
    await sender.close();

    assert.deepEqual(ids(await drain(client, 'orders', 'all', 5)), ['m1', 'm2', 'm3', 'm4', 'm5']);
    assert.deepEqual(ids(await drain(client, 'orders', 'high-eu', 2)), ['m1', 'm4']);
    // Correlation filters are case-sensitive: 'Invoice' (m5) does not match 'invoice'.
    assert.deepEqual(ids(await drain(client, 'orders', 'invoices', 1)), ['m3']);
    const [routed] = await drain(client, 'orders', 'routed', 1);
    assert.equal(routed.messageId, 'm3');
    assert.equal(routed.subject, 'routed-us', 'SET sys.Label applied');
    assert.equal(routed.applicationProperties.handled, 'yes', 'SET user property applied');
    assert.equal(routed.applicationProperties.secret, undefined, 'REMOVE applied');
    assert.equal(routed.applicationProperties.kind, 'paper', 'other properties kept');
    assert.equal(routed.body, 3);
    assert.deepEqual(ids(await drain(client, 'orders', 'managed', 5)), ['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('subscriptions have their own dead-letter queue and sessions', async () => {
    const sender = client.createSender('alerts');
    await sender.sendMessages([
      { messageId: 'a1', body: 'disk full', sessionId: 'device-1', applicationProperties: { severity: 3 } },
      { messageId: 'a2', body: 'fan noisy', sessionId: 'device-2', applicationProperties: { severity: 1 } },
    ]);
    await sender.close();

    // A non-session subscription of the same topic gets both, and dead-letters from its own DLQ.
    const triage = client.createReceiver('alerts', 'triage');
    const got = await receiveExactly(triage, 2);
    assert.deepEqual(ids(got), ['a1', 'a2']);
    await triage.deadLetterMessage(got.find((m) => m.messageId === 'a1'), { deadLetterReason: 'NeedsHuman' });
    await triage.completeMessage(got.find((m) => m.messageId === 'a2'));
    await triage.close();
    const dlq = client.createReceiver('alerts', 'triage', { subQueueType: 'deadLetter', receiveMode: 'receiveAndDelete' });
    const [dead] = await receiveExactly(dlq, 1);
    await dlq.close();
    assert.equal(dead.messageId, 'a1');
    assert.equal(dead.deadLetterReason, 'NeedsHuman');
    assert.equal(dead.applicationProperties.severity, 3);

    // The session-enabled subscription hands out one device's messages per session.
    const device2 = await client.acceptSession('alerts', 'by-device', 'device-2');
    const [d2] = await receiveExactly(device2, 1);
    assert.equal(d2.messageId, 'a2');
    assert.equal(d2.sessionId, 'device-2');
    await device2.completeMessage(d2);
    await device2.close();
    const next = await client.acceptNextSession('alerts', 'by-device');
    assert.equal(next.sessionId, 'device-1');
    const [d1] = await receiveExactly(next, 1);
    assert.equal(d1.messageId, 'a1');
    await next.completeMessage(d1);
    await next.close();
  });

  it('createRuleManager: createRule, getRules, deleteRule change what a subscription gets', async () => {
    const rules = client.createRuleManager('orders', 'managed');
    const initial = await rules.getRules();
    assert.deepEqual(
      initial.map((r) => r.name),
      ['$Default'],
    );
    assert.equal(initial[0].filter.sqlExpression, '1=1');

    await rules.createRule('red-only', { sqlExpression: "color = 'red'" });
    await rules.createRule('by-correlation', { correlationId: 'c-42', applicationProperties: { tier: 'gold' } });
    await rules.createRule('tag-blue', { sqlExpression: "color = 'blue'" }, { sqlExpression: "SET tagged = 'blue'" });
    await rules.deleteRule('$Default');

    const now = await rules.getRules();
    const byName = Object.fromEntries(now.map((r) => [r.name, r]));
    assert.deepEqual(Object.keys(byName).sort(), ['by-correlation', 'red-only', 'tag-blue']);
    assert.equal(byName['red-only'].filter.sqlExpression, "color = 'red'");
    assert.equal(byName['by-correlation'].filter.correlationId, 'c-42');
    assert.deepEqual(byName['by-correlation'].filter.applicationProperties, { tier: 'gold' });
    assert.equal(byName['tag-blue'].action.sqlExpression, "SET tagged = 'blue'");

    const sender = client.createSender('orders');
    await sender.sendMessages([
      { messageId: 'r1', body: 'red', applicationProperties: { color: 'red' } },
      { messageId: 'r2', body: 'green', applicationProperties: { color: 'green' } },
      { messageId: 'r3', body: 'corr', correlationId: 'c-42', applicationProperties: { tier: 'gold' } },
      { messageId: 'r4', body: 'corr-silver', correlationId: 'c-42', applicationProperties: { tier: 'silver' } },
      { messageId: 'r5', body: 'blue', applicationProperties: { color: 'blue' } },
    ]);
    await sender.close();
    const got = await drain(client, 'orders', 'managed', 3);
    assert.deepEqual(ids(got), ['r1', 'r3', 'r5']);
    assert.equal(got.find((m) => m.messageId === 'r5').applicationProperties.tagged, 'blue');
    // Drain the other subscriptions so later tests start clean.
    await drain(client, 'orders', 'all', 5);

    await rules.deleteRule('by-correlation');
    await rules.deleteRule('tag-blue');
    assert.deepEqual(
      (await rules.getRules()).map((r) => r.name),
      ['red-only'],
    );
  });
});
