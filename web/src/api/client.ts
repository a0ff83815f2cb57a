import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import type { Locale } from '../../../common/src/i18n/client.js';

/** A field problem of a 400 response: `{ field: 'shifts', message: '…' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An error the server explained: `message` is already translated into the request's locale. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** Field problems of a validation error, keyed by the top-level field name. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const d of this.details as Partial<FieldProblem>[]) {
      if (typeof d?.field !== 'string' || typeof d.message !== 'string') continue;
      const top = d.field.split('.')[0] || '_';
      out[top] = out[top] ? `${out[top]}; ${d.message}` : d.message;
    }
    return out;
  }
}

/** In-memory session state: the CSRF token never goes to storage. */
const state: { csrfToken: string | null; locale: Locale } = { csrfToken: null, locale: 'ru' };
export const setCsrfToken = (t: string | null) => {
  state.csrfToken = t;
};
export const setApiLocale = (l: Locale) => {
  state.locale = l;
};
export const apiLocale = () => state.locale;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const session: Middleware = {
  async onRequest({ request }) {
    const headers = new Headers(request.headers);
    headers.set('accept-language', state.locale === 'en' ? 'en' : 'ru');
    if (!SAFE.has(request.method) && state.csrfToken) headers.set('x-csrf-token', state.csrfToken);
    // The server prefers a signed-in user's stored language to accept-language; `lang` makes
    // the messages follow the language chosen in the interface.
    const url = new URL(request.url);
    url.searchParams.set('lang', state.locale);
    // The body is read into memory: re-sending a stream would need a streaming upload (HTTP/2 only).
    const body = SAFE.has(request.method) ? undefined : await request.arrayBuffer();
    if (!body?.byteLength) headers.delete('content-type');
    return new Request(url, {
      method: request.method,
      headers,
      body: body && body.byteLength ? body : undefined,
      credentials: request.credentials,
      signal: request.signal,
      redirect: request.redirect,
    });
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(session);

/** Turn an openapi-fetch result into data, or throw an ApiError with the server's message. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await p;
  } catch (e) {
    throw new ApiError(0, 'network', networkMessage(), e);
  }
  if (r.response.ok) return r.data as T;
  const body = (r.error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  throw new ApiError(
    r.response.status,
    typeof body.code === 'string' ? body.code : `http.${r.response.status}`,
    typeof body.message === 'string' && body.message ? body.message : `HTTP ${r.response.status}`,
    body.details,
  );
}

function networkMessage() {
  return state.locale === 'en'
    ? 'The server cannot be reached. Check the connection and try again.'
    : 'Сервер недоступен. Проверьте подключение и повторите попытку.';
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/**
 * POST a multipart form (a file upload) with the session headers of the other writes.
 * openapi-fetch types multipart bodies as empty, so this is plain fetch; the caller types
 * the answer with the generated `paths`. An aborted request rejects with the AbortError itself.
 */
export async function postForm<T>(path: keyof paths, form: FormData, signal?: AbortSignal): Promise<T> {
  const url = new URL(path, window.location.origin);
  url.searchParams.set('lang', state.locale);
  const headers = new Headers({ 'accept-language': state.locale === 'en' ? 'en' : 'ru' });
  if (state.csrfToken) headers.set('x-csrf-token', state.csrfToken);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, headers, credentials: 'same-origin', signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'network', networkMessage(), e);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  const err = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  throw new ApiError(
    response.status,
    typeof err.code === 'string' ? err.code : `http.${response.status}`,
    typeof err.message === 'string' && err.message ? err.message : `HTTP ${response.status}`,
    err.details,
  );
}
