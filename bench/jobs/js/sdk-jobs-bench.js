'use strict';
// What a user would write with @azure/service-bus for the two repairs bench_jobs measures.
// Prints one JSON line: {"count": n, "seconds": s, "rate": msgs/s} (or {"error": text}).
//
//   node sdk-jobs-bench.js <connection string> replay <queue> <target> <count>
//     the queue's dead letters, peek-lock, one at a time: send a copy, then complete.
//   node sdk-jobs-bench.js <connection string> replay-batched <queue> <target> <count>
//     the same, a careful user: one sendMessages per received batch, completes in parallel.
//   node sdk-jobs-bench.js <connection string> purge <queue> <count>
//     receive-and-delete in batches of 500 until a receive comes back empty.
const path = require('node:path');

const modules = path.resolve(__dirname, '../../../tests/interop/node_modules');
const { ServiceBusClient } = require(path.join(modules, '@azure/service-bus'));

const [connectionString, mode, ...rest] = process.argv.slice(2);

function copyOf(m) {
  const applicationProperties = { ...(m.applicationProperties || {}) };
  delete applicationProperties.DeadLetterReason;
  delete applicationProperties.DeadLetterErrorDescription;
  return {
    body: m.body,
    messageId: m.messageId,
    contentType: m.contentType,
    correlationId: m.correlationId,
    subject: m.subject,
    to: m.to,
    replyTo: m.replyTo,
    timeToLive: m.timeToLive,
    applicationProperties,
  };
}

async function replay(client, queue, target, count, batched) {
  const receiver = client.createReceiver(queue, { subQueueType: 'deadLetter', receiveMode: 'peekLock' });
  const sender = client.createSender(target);
  await receiver.peekMessages(1); // the connection is up before the clock starts
  const start = process.hrtime.bigint();
  let moved = 0;
  while (moved < count) {
    const got = await receiver.receiveMessages(100, { maxWaitTimeInMs: 5000 });
    if (got.length === 0) break;
    if (batched) {
      await sender.sendMessages(got.map(copyOf));
      await Promise.all(got.map((m) => receiver.completeMessage(m)));
      moved += got.length;
    } else {
      for (const m of got) {
        await sender.sendMessages(copyOf(m));
        await receiver.completeMessage(m);
        moved += 1;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await sender.close();
  await receiver.close();
  return { count: moved, seconds };
}

async function purge(client, queue) {
  const receiver = client.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
  await receiver.peekMessages(1);
  const start = process.hrtime.bigint();
  let deleted = 0;
  for (;;) {
    const got = await receiver.receiveMessages(500, { maxWaitTimeInMs: 1000 });
    if (got.length === 0) break;
    deleted += got.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await receiver.close();
  return { count: deleted, seconds };
}

async function main() {
  const client = new ServiceBusClient(connectionString);
  let result;
  try {
    if (mode === 'replay' || mode === 'replay-batched') {
      const [queue, target, countText] = rest;
      result = await replay(client, queue, target, Number(countText), mode === 'replay-batched');
    } else if (mode === 'purge') {
      result = await purge(client, rest[0]);
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
    result.rate = result.seconds > 0 ? result.count / result.seconds : 0;
    const cpu = process.cpuUsage();
    result.cpuSeconds = (cpu.user + cpu.system) / 1e6; // node's, whole process
  } catch (e) {
    result = { error: String(e && e.message ? e.message : e) };
  } finally {
    await client.close();
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main();
