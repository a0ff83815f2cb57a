import { describe, expect, it } from 'vitest';
import { translate } from '../../../common/src/i18n/client.js';
import { formatDateTime } from '../lib/format';
import { conflictOf, errorText } from './conflict';

const ru = (key: string, params?: Record<string, string>) => translate('ru', key, params);
const en = (key: string, params?: Record<string, string>) => translate('en', key, params);
/** The same instant as a browser in a given zone shows it. */
const inZone = (timeZone: string) => (iso: string) =>
  new Date(iso).toLocaleString('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'short' });

describe('the text of a refused write (shared by programmes, indicators, schools, users)', () => {
  const conflict = {
    code: 'error.conflict',
    message: 'Запись уже изменил другой пользователь (Петров П. П., 22.11.2026, 21:00:00). …',
    details: { conflict: { by: 'Петров П. П.', at: '2026-11-22T18:00:00.000Z' } },
  };

  it('tells a concurrent change from the catalogue, in the reader’s locale', () => {
    expect(errorText(conflict, ru, () => '22.11.2026 20:00')).toBe(
      'Запись уже изменил другой пользователь (Петров П. П., 22.11.2026 20:00). Обновите страницу: ваши изменения не сохранены, чтобы не потерять чужие.',
    );
    const english = errorText(conflict, en, () => '22.11.2026 20:00');
    expect(english).toContain('Петров П. П.');
    expect(english).toContain('22.11.2026 20:00');
    expect(english).not.toMatch(/Запись/);
  });

  it('formats the time in the browser’s zone, not the server’s', () => {
    expect(errorText(conflict, ru, inZone('Asia/Vladivostok'))).toContain('23.11.2026, 04:00');
    expect(errorText(conflict, ru, inZone('Europe/Kaliningrad'))).toContain('22.11.2026, 20:00');
    // by default as every other time on the screens (the runtime's own zone)
    expect(errorText(conflict, ru)).toContain(formatDateTime('2026-11-22T18:00:00.000Z'));
  });

  it('keeps the server’s text for other refusals and for a conflict without details', () => {
    expect(errorText({ code: 'indicators.notManual', message: 'Показатель вычисляемый.' }, ru)).toBe(
      'Показатель вычисляемый.',
    );
    expect(errorText({ ...conflict, details: undefined }, ru)).toBe(conflict.message);
    expect(errorText({ ...conflict, details: [{ field: 'x', message: 'y' }] }, ru)).toBe(conflict.message);
    expect(errorText(null, ru)).toBe('');
  });

  it('reads details.conflict only when it names someone and a valid instant', () => {
    expect(conflictOf(conflict.details)).toEqual({ by: 'Петров П. П.', at: '2026-11-22T18:00:00.000Z' });
    expect(conflictOf({ conflict: { by: 'X', at: 'вчера' } })).toBeNull();
    expect(conflictOf({ conflict: { by: 1, at: '2026-11-22T18:00:00.000Z' } })).toBeNull();
    expect(conflictOf(null)).toBeNull();
    expect(conflictOf(undefined)).toBeNull();
  });
});
