import type { FastifyReply } from 'fastify';

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Content-Disposition with a Russian file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Send a file as a download. */
export function sendFile(reply: FastifyReply, data: Buffer, mime: string, name: string) {
  return reply.header('content-type', mime).header('content-disposition', attachment(name)).send(data);
}
