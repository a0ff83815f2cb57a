/** HTTP helpers for the results tests: multipart uploads through fastify's inject. */
import type { Client } from '../../test/fixtures.js';

export function multipart(file: { name: string; data: Buffer }, options?: unknown) {
  const boundary = '----rost' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from('\r\n'),
  );
  if (options !== undefined) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${JSON.stringify(options)}\r\n`,
      ),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(client: Client, file: { name: string; data: Buffer }, options?: unknown) {
  const m = multipart(file, options);
  return client.call('POST', '/api/results/imports', m.payload, m.headers);
}
