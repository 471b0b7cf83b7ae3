// The upstream of the proxy scenario: a plain Node server answering a small JSON document.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const body = JSON.stringify({ sku: decodeURIComponent(req.url.split('/').pop()), quantity: 3 });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
