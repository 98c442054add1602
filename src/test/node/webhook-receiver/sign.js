#!/usr/bin/env node
// Signs a webhook with the Standard Webhooks reference library's own sign(), so that tests can
// check other verifiers (the Python example of the README, the receiver) against it.
//
//   node sign.js <secret> <webhook-id> <unix-seconds> < body
//
// Prints the webhook-signature header's value ("v1,<base64>").
"use strict";

const { Webhook } = require("standardwebhooks");

const [secret, id, seconds] = process.argv.slice(2);
if (secret === undefined || id === undefined || !/^\d+$/.test(seconds ?? "")) {
  console.error("usage: node sign.js <secret> <webhook-id> <unix-seconds> < body");
  process.exit(2);
}
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const body = Buffer.concat(chunks).toString("utf8");
  console.log(new Webhook(secret).sign(id, new Date(Number(seconds) * 1000), body));
});
