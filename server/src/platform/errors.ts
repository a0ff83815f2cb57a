import { translate, type Locale, type Params } from '../../../common/src/i18n/index.js';

const STATUS: Record<string, number> = {
  'error.validation': 400,
  'error.unauthenticated': 401,
  'auth.invalid': 401,
  'auth.inactive': 403,
  'error.forbidden': 403,
  'error.csrf': 403,
  'error.notFound': 404,
  'error.conflict': 409,
  'error.duplicate': 409,
  'org.codeTaken': 409,
  'user.loginTaken': 409,
  'auth.throttled': 429,
};

/** An error a user can read: a catalogue key with parameters, rendered in the request's locale. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly params: Params = {},
    status?: number,
    /** Structured details (e.g. a list of per-row problems) returned with the message. */
    readonly details?: unknown,
  ) {
    super(translate('ru', code, params));
    this.status = status ?? STATUS[code] ?? 400;
  }
  render(locale: Locale): string {
    return translate(locale, this.code, this.params);
  }
}

export const notFound = () => new AppError('error.notFound');
export const forbidden = () => new AppError('error.forbidden');
