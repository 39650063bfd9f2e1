'use strict';
// Microsoft's ServiceBusAdministrationClient against the emulator's HTTPS ATOM endpoint,
// trusted through a throwaway CA. Run through lib/with-test-ca.js, which makes the CA and
// sets NODE_EXTRA_CA_CERTS before Node starts.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { ServiceBusAdministrationClient } = require('@azure/service-bus');
const { startEmulator, buildConnectionString } = require('../lib/emulator');
const { createClient, receiveExactly } = require('../lib/helpers');

async function assertRestError(promise, statusCode, code) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.statusCode, statusCode, `status ${err.statusCode}: ${err.message}`);
    if (code) assert.equal(err.code, code);
    return true;
  });
}

describe('admin', () => {
  let emulator;
  let admin;
  let client;

  before(async () => {
    const cert = process.env.BUSBAR_TEST_TLS_CERT;
    const key = process.env.BUSBAR_TEST_TLS_KEY;
    assert.ok(cert && key && process.env.NODE_EXTRA_CA_CERTS, 'run through lib/with-test-ca.js');
    emulator = await startEmulator({ config: { queues: [{ name: 'seeded' }] }, tls: { cert, key } });
    // The admin client always speaks HTTPS to the endpoint's host and port.
    const endpoint = `sb://localhost:${emulator.httpsPort}`;
    admin = new ServiceBusAdministrationClient(
      buildConnectionString({ endpoint, keyName: emulator.keyName, key: emulator.key, emulator: false }),
      { retryOptions: { maxRetries: 0 } },
    );
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('creates, gets, updates and deletes a queue', async () => {
    const created = await admin.createQueue('adm-queue', {
      lockDuration: 'PT45S',
      maxDeliveryCount: 7,
      defaultMessageTimeToLive: 'PT2H',
      deadLetteringOnMessageExpiration: true,
      requiresDuplicateDetection: true,
      duplicateDetectionHistoryTimeWindow: 'PT5M',
      userMetadata: 'made by interop',
    });
    assert.equal(created.name, 'adm-queue');
    assert.equal(created.lockDuration, 'PT45S');
    assert.equal(created.maxDeliveryCount, 7);

    const got = await admin.getQueue('adm-queue');
    assert.equal(got.lockDuration, 'PT45S');
    assert.equal(got.maxDeliveryCount, 7);
    assert.equal(got.defaultMessageTimeToLive, 'PT2H');
    assert.equal(got.deadLetteringOnMessageExpiration, true);
    assert.equal(got.requiresDuplicateDetection, true);
    assert.equal(got.duplicateDetectionHistoryTimeWindow, 'PT5M');
    assert.equal(got.requiresSession, false);
    assert.equal(got.userMetadata, 'made by interop');
    assert.equal(got.status, 'Active');
    assert.equal(await admin.queueExists('adm-queue'), true);
    assert.equal((await admin.getQueue('seeded')).name, 'seeded', 'config entities are visible');

    await assertRestError(admin.createQueue('adm-queue'), 409, 'MessageEntityAlreadyExistsError');

    got.maxDeliveryCount = 9;
    got.lockDuration = 'PT1M';
    got.userMetadata = 'updated';
    const updated = await admin.updateQueue(got);
    assert.equal(updated.maxDeliveryCount, 9);
    const again = await admin.getQueue('adm-queue');
    assert.equal(again.maxDeliveryCount, 9);
    assert.equal(again.lockDuration, 'PT1M');
    assert.equal(again.userMetadata, 'updated');

    await admin.deleteQueue('adm-queue');
    assert.equal(await admin.queueExists('adm-queue'), false);
    await assertRestError(admin.getQueue('adm-queue'), 404, 'MessageEntityNotFoundError');
    await assertRestError(admin.deleteQueue('adm-queue'), 404);
  });

  it('manages topics, subscriptions and rules', async () => {
    const topic = await admin.createTopic('adm-topic', { defaultMessageTimeToLive: 'P1D', requiresDuplicateDetection: false });
    assert.equal(topic.name, 'adm-topic');
    assert.equal((await admin.getTopic('adm-topic')).defaultMessageTimeToLive, 'P1D');

    const sub = await admin.createSubscription('adm-topic', 'eu', {
      lockDuration: 'PT20S',
      maxDeliveryCount: 4,
      defaultRuleOptions: { name: 'only-eu', filter: { sqlExpression: "region = 'eu'" } },
    });
    assert.equal(sub.subscriptionName, 'eu');
    assert.equal(sub.topicName, 'adm-topic');
    await admin.createSubscription('adm-topic', 'plain');

    const fetched = await admin.getSubscription('adm-topic', 'eu');
    assert.equal(fetched.lockDuration, 'PT20S');
    assert.equal(fetched.maxDeliveryCount, 4);
    fetched.maxDeliveryCount = 6;
    await admin.updateSubscription(fetched);
    assert.equal((await admin.getSubscription('adm-topic', 'eu')).maxDeliveryCount, 6);

    const subNames = [];
    for await (const s of admin.listSubscriptions('adm-topic')) subNames.push(s.subscriptionName);
    assert.deepEqual(subNames.sort(), ['eu', 'plain']);

    const ruleNames = async (name) => {
      const names = [];
      for await (const r of admin.listRules('adm-topic', name)) names.push(r.name);
      return names.sort();
    };
    assert.deepEqual(await ruleNames('eu'), ['only-eu']);
    assert.deepEqual(await ruleNames('plain'), ['$Default']);
    assert.equal((await admin.getRule('adm-topic', 'eu', 'only-eu')).filter.sqlExpression, "region = 'eu'");

    await admin.createRule('adm-topic', 'eu', 'gold', { correlationId: 'c-1', subject: 'invoice', applicationProperties: { tier: 'gold' } });
    const gold = await admin.getRule('adm-topic', 'eu', 'gold');
    assert.equal(gold.filter.correlationId, 'c-1');
    assert.equal(gold.filter.subject, 'invoice');
    assert.deepEqual(gold.filter.applicationProperties, { tier: 'gold' });
    await assertRestError(admin.createRule('adm-topic', 'eu', 'gold', { sqlExpression: '1=1' }), 409);

    const onlyEu = await admin.getRule('adm-topic', 'eu', 'only-eu');
    onlyEu.filter = { sqlExpression: "region = 'eu' OR region = 'uk'" };
    onlyEu.action = { sqlExpression: "SET seen = 'yes'" };
    await admin.updateRule('adm-topic', 'eu', onlyEu);
    const changed = await admin.getRule('adm-topic', 'eu', 'only-eu');
    assert.equal(changed.filter.sqlExpression, "region = 'eu' OR region = 'uk'");
    assert.equal(changed.action.sqlExpression, "SET seen = 'yes'");
    assert.equal(await admin.ruleExists('adm-topic', 'eu', 'gold'), true);
    await admin.deleteRule('adm-topic', 'eu', 'gold');
    assert.deepEqual(await ruleNames('eu'), ['only-eu']);

    await admin.deleteSubscription('adm-topic', 'plain');
    assert.equal(await admin.subscriptionExists('adm-topic', 'plain'), false);
    await admin.deleteTopic('adm-topic');
    assert.equal(await admin.topicExists('adm-topic'), false);
    await assertRestError(admin.getSubscription('adm-topic', 'eu'), 404);
  });

  it('lists past the first page of 100 entities', async () => {
    const names = Array.from({ length: 105 }, (_, i) => `page-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 8) {
      await Promise.all(names.slice(i, i + 8).map((n) => admin.createQueue(n)));
    }
    const seen = [];
    for await (const q of admin.listQueues()) seen.push(q.name);
    for (const n of names) assert.ok(seen.includes(n), `${n} listed`);
    assert.equal(new Set(seen).size, seen.length, 'no queue listed twice');

    const pages = [];
    for await (const page of admin.listQueues().byPage({ maxPageSize: 100 })) pages.push(page.length);
    assert.equal(pages[0], 100, `first page is full: ${pages}`);
    assert.equal(pages.reduce((a, b) => a + b, 0), seen.length);

    const runtime = [];
    for await (const r of admin.listQueuesRuntimeProperties()) runtime.push(r.name);
    assert.equal(runtime.length, seen.length);
    await Promise.all(names.slice(0, 5).map((n) => admin.deleteQueue(n)));
  });

  it('reports runtime counts after a known mix of operations', async () => {
    await admin.createQueue('counts');
    const sender = client.createSender('counts');
    await sender.sendMessages(Array.from({ length: 5 }, (_, i) => ({ body: `c${i}`, messageId: `c${i}` })));
    await sender.scheduleMessages(
      [{ body: 's1' }, { body: 's2' }],
      new Date(Date.now() + 3600_000),
    );
    await sender.close();
    const receiver = client.createReceiver('counts');
    const [a, b] = await receiveExactly(receiver, 2);
    await receiver.completeMessage(a);
    await receiver.deadLetterMessage(b, { deadLetterReason: 'Test' });
    await receiver.close();

    const props = await admin.getQueueRuntimeProperties('counts');
    assert.equal(props.activeMessageCount, 3);
    assert.equal(props.deadLetterMessageCount, 1);
    assert.equal(props.scheduledMessageCount, 2);
    assert.equal(props.transferMessageCount, 0);
    assert.equal(props.totalMessageCount, 6);
    assert.ok(props.sizeInBytes > 0, `sizeInBytes ${props.sizeInBytes}`);

    await admin.createTopic('count-topic');
    await admin.createSubscription('count-topic', 'everything');
    await admin.createSubscription('count-topic', 'nothing', { defaultRuleOptions: { name: 'none', filter: { sqlExpression: '1=0' } } });
    const topicSender = client.createSender('count-topic');
    await topicSender.sendMessages([{ body: 1 }, { body: 2 }, { body: 3 }]);
    await topicSender.close();
    const everything = await admin.getSubscriptionRuntimeProperties('count-topic', 'everything');
    assert.equal(everything.activeMessageCount, 3);
    assert.equal(everything.totalMessageCount, 3);
    const nothing = await admin.getSubscriptionRuntimeProperties('count-topic', 'nothing');
    assert.equal(nothing.activeMessageCount, 0);
    const topicProps = await admin.getTopicRuntimeProperties('count-topic');
    assert.equal(topicProps.subscriptionCount, 2);
  });
});
