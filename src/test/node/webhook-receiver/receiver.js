#!/usr/bin/env node
// A webhook receiver for Keyhold's tests, as an application would write one: every POST is checked
// with the Standard Webhooks reference library (the npm package standardwebhooks), on the raw body
// and the headers exactly as they arrived. Unlike an application it also keeps what it got, for the
// test to read at GET /received.
//
//   node receiver.js <port> <secret> [--fail-first N]
//
// Listens on 127.0.0.1:<port> (0: any free port) and prints "listening <port>" once it accepts
// connections. A delivery that verifies is answered 204, one that does not 400 (what the
// specification asks of a receiver); with --fail-first N the first N deliveries are answered 500
// whatever they carry, so the sender has to retry.
"use strict";

const http = require("node:http");
const { Webhook } = require("standardwebhooks");

function usage(problem) {
  console.error(`${problem}\nusage: node receiver.js <port> <secret> [--fail-first N]`);
  process.exit(2);
}

function parseArguments(args) {
  const [port, secret, ...options] = args;
  if (port === undefined || !/^\d+$/.test(port) || secret === undefined) {
    usage("a port and a secret are required");
  }
  let failFirst = 0;
  if (options.length > 0) {
    if (options.length !== 2 || options[0] !== "--fail-first" || !/^\d+$/.test(options[1])) {
      usage(`unknown options: ${options.join(" ")}`);
    }
    failFirst = Number(options[1]);
  }
  return { port: Number(port), secret, failFirst };
}

const { port, secret, failFirst } = parseArguments(process.argv.slice(2));
const webhook = new Webhook(secret);
const received = [];

// What a test needs of one delivery. The raw body is kept so that a test can look for what must
// never be in one (a password, a token, a hash).
function record(request, body, verification, status) {
  let payload = {};
  try {
    payload = JSON.parse(body);
  } catch {
    // Recorded all the same: type and data stay null, and the test sees why.
  }
  received.push({
    webhook_id: request.headers["webhook-id"] ?? null,
    webhook_timestamp: request.headers["webhook-timestamp"] ?? null,
    type: payload?.type ?? null,
    timestamp: payload?.timestamp ?? null,
    data: payload?.data ?? null,
    verified: verification.verified,
    error: verification.error,
    status,
    received_at: Date.now(),
    body,
  });
}

function verify(body, headers) {
  try {
    webhook.verify(body, headers);
    return { verified: true, error: null };
  } catch (failure) {
    return { verified: false, error: String(failure.message) };
  }
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const server = http.createServer(async (request, response) => {
  if (request.method === "GET" && request.url === "/received") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(received));
    return;
  }
  if (request.method !== "POST") {
    response.writeHead(405, { allow: "POST" });
    response.end();
    return;
  }
  const body = await readBody(request);
  const verification = verify(body, request.headers);
  let status = verification.verified ? 204 : 400;
  if (received.length < failFirst) {
    status = 500;
  }
  record(request, body, verification, status);
  response.writeHead(status);
  response.end();
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});

// The test ends the receiver with SIGTERM; close at once rather than wait for idle connections.
process.on("SIGTERM", () => process.exit(0));
