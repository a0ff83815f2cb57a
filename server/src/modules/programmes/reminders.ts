import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../platform/db/index.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import { translate, type Locale } from '../../../../common/src/i18n/index.js';
import { addDays } from './domain/progress.js';
import { programmesRepository } from './repository.js';
import { todayIn } from './service.js';

/** Sends one e-mail. Built from SMTP_* variables; tests give a nodemailer JSON or stream transport. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export function mailerFromTransport(transport: Transporter, from: string): Mailer {
  return {
    async send(m) {
      await transport.sendMail({ from, ...m });
    },
  };
}

/** A mailer when SMTP_HOST is set (SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_FROM), else null: in-app only. */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  if (!env.SMTP_HOST) return null;
  const port = Number(env.SMTP_PORT || 587);
  const transport = nodemailer.createTransport({
    host: env.SMTP_HOST,
    port,
    secure: port === 465,
    ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
  });
  return mailerFromTransport(transport, env.SMTP_FROM || env.SMTP_USER || 'rost@localhost');
}

const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const short = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface ReminderOptions {
  now?: () => Date;
  timeZone?: string;
  /** Remind this many days before a deadline (ROST_REMIND_DAYS, default 7). */
  daysBefore?: number;
  mailer?: Mailer | null;
}

export interface ReminderRun {
  today: string;
  overdueMarked: number;
  notified: number;
  emailed: number;
}

/**
 * The reminder sweep: store «overdue» on open items whose deadline has passed, notify executors and
 * owners of items due within N days and of overdue ones (once per item and deadline: the notification
 * table's unique key makes the sweep idempotent, so several app instances may run it), then e-mail
 * the unread, not yet mailed notifications when a mailer is configured (one letter per user).
 */
export function remindersService(database: Database, opts: ReminderOptions = {}) {
  const { db } = database;
  const repo = programmesRepository(db);
  const now = opts.now ?? (() => new Date());
  const timeZone = opts.timeZone ?? process.env.ROST_TIMEZONE ?? 'Europe/Moscow';
  const daysBefore = opts.daysBefore ?? Number(process.env.ROST_REMIND_DAYS || 7);
  const mailer = opts.mailer === undefined ? mailerFromEnv() : opts.mailer;

  return {
    async run(): Promise<ReminderRun> {
      const today = todayIn(now(), timeZone);
      const overdueMarked = await db.transaction().execute(async (tx) => {
        const n = await repo.markOverdue(tx, today);
        if (n > 0)
          await audit(tx, null, {
            action: 'overdue',
            entity: 'activity',
            entityId: null,
            summary: `Просрочено на ${dmy(today)}: ${n}`,
          });
        return n;
      });
      const targets = await repo.reminderTargets(addDays(today, -60), addDays(today, daysBefore), 50_000);
      const rows = targets.map((t) => {
        const overdue = t.due_to < today;
        const kind = overdue ? 'overdue' : 'due_soon';
        return {
          user_id: t.user_id,
          kind,
          message_key: overdue ? 'notify.overdue' : 'notify.dueSoon',
          params: JSON.stringify({
            activity: short(t.text),
            programme: short(t.programme_name, 80),
            due: dmy(t.due_to),
          }),
          programme_id: t.programme_id,
          activity_id: t.activity_id,
          occurrence_id: t.occurrence_id,
          dedupe_key: `${kind}:${t.activity_id}:${t.occurrence_id ?? 0}:${t.due_to}`,
        };
      });
      const notified = await db.transaction().execute((tx) => repo.notify(tx, rows));
      let emailed = 0;
      if (mailer) {
        const pending = await repo.unmailed(5000);
        const byUser = new Map<number, typeof pending>();
        for (const n of pending) byUser.set(n.user_id, [...(byUser.get(n.user_id) ?? []), n]);
        for (const list of byUser.values()) {
          const first = list[0]!;
          const locale: Locale = first.locale;
          const lines = list.map((n) => `• ${translate(locale, n.message_key, n.params)}`);
          await mailer.send({
            to: first.email!,
            subject: translate(locale, 'notify.mailSubject', { count: list.length }),
            text: [
              translate(locale, 'notify.mailIntro', { name: first.full_name }),
              '',
              ...lines,
              '',
              translate(locale, 'notify.mailFooter'),
            ].join('\n'),
          });
          await repo.markMailed(list.map((n) => n.id));
          emailed++;
        }
      }
      return { today, overdueMarked, notified, emailed };
    },
  };
}

/** Run the sweep now and then every `intervalMs` (the server's simple scheduler; errors are logged). */
export function startReminderSchedule(
  database: Database,
  opts: ReminderOptions & { intervalMs?: number; log?: (s: string) => void } = {},
): { stop(): void } {
  const service = remindersService(database, opts);
  const log = opts.log ?? (() => {});
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await service.run();
      if (r.notified || r.overdueMarked || r.emailed)
        log(`Напоминания: просрочено ${r.overdueMarked}, уведомлений ${r.notified}, писем ${r.emailed}.`);
    } catch (e) {
      log(`Ошибка напоминаний: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 60 * 60 * 1000);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}

/** In-app notifications of the signed-in user, rendered in their locale. */
export function notificationsService(database: Database) {
  const repo = programmesRepository(database.db);
  return {
    async list(p: Principal, unreadOnly: boolean, limit: number, locale: Locale) {
      const [items, unread] = await Promise.all([
        repo.notifications(p.id, unreadOnly, limit),
        repo.unreadCount(p.id),
      ]);
      return {
        unread,
        items: items.map((n) => ({
          id: n.id,
          kind: n.kind,
          message: translate(locale, n.message_key, n.params),
          programmeId: n.programme_id,
          activityId: n.activity_id,
          occurrenceId: n.occurrence_id,
          createdAt: n.created_at.toISOString(),
          readAt: n.read_at ? n.read_at.toISOString() : null,
        })),
      };
    },
    async markRead(p: Principal, id: number | null) {
      if (id !== null) {
        const n = await repo.notification(id);
        if (!n || n.user_id !== p.id) throw notFound();
      }
      const r = await database.db.transaction().execute((tx) => repo.markRead(tx, p.id, id));
      return Number(r.numUpdatedRows);
    },
  };
}
