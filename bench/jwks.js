// The identity provider's JWKS endpoint for the secured scenarios: a plain Node server answering
// the public key it is given (a JWK in argv) at /jwks, as an IdP's jwks_uri does.
import { createServer } from 'node:http';

const body = JSON.stringify({ keys: [JSON.parse(process.argv[2])] });
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'max-age=600' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
