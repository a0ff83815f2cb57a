import { expect } from 'vitest';

/** A 409 of a concurrent change: who and when (ISO) in `details.conflict`, the web formats the time. */
export function expectConflict(res: { statusCode: number; json(): unknown }, by?: string) {
  expect(res.statusCode).toBe(409);
  const body = res.json() as {
    code: string;
    message: string;
    details: { conflict: { by: string; at: string } };
  };
  expect(body.code).toBe('error.conflict');
  const c = body.details.conflict;
  if (by !== undefined) expect(c.by).toBe(by);
  expect(body.message).toContain(`(${c.by}, `);
  expect(c.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  expect(Math.abs(Date.parse(c.at) - Date.now())).toBeLessThan(10 * 60_000);
}
