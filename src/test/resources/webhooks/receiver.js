// npm install standardwebhooks
const http = require("node:http");
const { Webhook } = require("standardwebhooks");

// The endpoint's secret (whsec_…), shown once when the endpoint was created.
const webhook = new Webhook(process.env.KEYHOLD_WEBHOOK_SECRET);
const port = Number(process.env.PORT ?? 8080);

http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    // Verify the body exactly as it came: parsed and serialised again, it would no longer match.
    const body = Buffer.concat(chunks).toString("utf8");
    let event;
    try {
      event = webhook.verify(body, request.headers); // signature, and a timestamp within 5 minutes
    } catch (refused) {
      response.writeHead(400).end();
      return;
    }
    // A retried event comes again with the same webhook-id: skip ids already handled.
    console.log(request.headers["webhook-id"], event.type, event.data.email);
    response.writeHead(204).end();
  });
}).listen(port, "127.0.0.1");
