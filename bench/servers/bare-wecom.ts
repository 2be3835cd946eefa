/**
 * The ack bench's floor: a plain node:http server that does only what no acknowledgement can skip —
 * read the body, find the Encrypt text, verify the signature and decrypt — and answers 200. No
 * express, no XML parser, no database, no queue. `PORT` and the WeCom keys come from the environment.
 */
import { createServer } from 'node:http';
import { openWecomEnvelope } from '../../src/platforms/wecom/wecom-crypto';

const keys = {
  token: process.env.WECOM_TOKEN ?? '',
  encodingAesKey: process.env.WECOM_ENCODING_AES_KEY ?? '',
  receiveId: process.env.WECOM_CORP_ID ?? '',
};
const OPEN = '<Encrypt><![CDATA[';

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const start = body.indexOf(OPEN);
    const end = start < 0 ? -1 : body.indexOf(']]>', start);
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const opened =
      end > 0 &&
      openWecomEnvelope(keys, {
        signature: q.get('msg_signature') ?? '',
        timestamp: q.get('timestamp') ?? '',
        nonce: q.get('nonce') ?? '',
        encrypt: body.slice(start + OPEN.length, end),
      }).ok;
    res.statusCode = opened ? 200 : 400;
    res.end();
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
