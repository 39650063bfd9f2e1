'use strict';
// Shared helpers for the interop scenarios: an SDK client with short retries (a missing
// emulator feature should fail a test in seconds, not after the SDK's minute-long retries),
// bounded receive loops, and error-code assertions.

const assert = require('node:assert/strict');
const { ServiceBusClient } = require('@azure/service-bus');

const RETRY = { maxRetries: 1, retryDelayInMs: 200, maxRetryDelayInMs: 500, timeoutInMs: 15000 };

function createClient(connectionString, extra = {}) {
  return new ServiceBusClient(connectionString, { retryOptions: RETRY, ...extra });
}

// Receives until `count` messages arrived or `timeoutMs` passed; returns what arrived.
async function receiveExactly(receiver, count, timeoutMs = 10000) {
  const got = [];
  const deadline = Date.now() + timeoutMs;
  while (got.length < count && Date.now() < deadline) {
    const batch = await receiver.receiveMessages(count - got.length, {
      maxWaitTimeInMs: Math.max(100, Math.min(2000, deadline - Date.now())),
    });
    got.push(...batch);
  }
  assert.equal(got.length, count, `expected ${count} messages, received ${got.length}`);
  return got;
}

// Peeks everything currently in the entity (active, deferred, scheduled), from the first
// sequence number. The SDK's peek cursor is per receiver, so a fresh one starts at the front.
async function peekAll(client, queueOrTopic, subscriptionOrOptions, options) {
  const receiver =
    typeof subscriptionOrOptions === 'string'
      ? client.createReceiver(queueOrTopic, subscriptionOrOptions, options)
      : client.createReceiver(queueOrTopic, subscriptionOrOptions);
  try {
    return await receiver.peekMessages(250);
  } finally {
    await receiver.close();
  }
}

// For scenarios about time passing (TTL, lock expiry, scheduled enqueue): polls `probe` until
// it returns a truthy value, at most `timeoutMs`.
async function pollUntil(probe, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= deadline) return value;
    await delay(intervalMs);
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntilTime(epochMs) {
  while (Date.now() < epochMs) await delay(Math.min(250, epochMs - Date.now()));
}

async function assertRejectsWithCode(promise, code) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.code, code, `expected error code ${code}, got ${err.code}: ${err.message}`);
    return true;
  });
}

function seq(n) {
  // Sequence numbers come back as Long objects.
  return typeof n === 'number' ? n : Number(n.toString());
}

module.exports = { createClient, receiveExactly, peekAll, pollUntil, delay, waitUntilTime, assertRejectsWithCode, seq };
