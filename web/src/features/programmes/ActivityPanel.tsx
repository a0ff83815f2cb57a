import { useRef, useState, type DragEvent } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMutation } from '@tanstack/react-query';
import { api, call, isApiError, postForm } from '../../api/client';
import type { paths } from '../../api/schema';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Badge, PageHeader } from '../../ui/Card';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Alert, ErrorState, PageSpinner, SkeletonBlock } from '../../ui/States';
import {
  ACTIVITY_STATUSES,
  useActivity,
  useInvalidateProgramme,
  type ActivityCard,
  type ActivityStatus,
  type Evidence,
} from './api';
import { errorText } from '../../api/conflict';
import { formatIsoDate, formatSize, normalisedDeadline, reviewTone } from './model';
import { ActivityStatusBadge, Multiline, Section } from './parts';

/** The activity in a dialog over the roadmap. */
export function ActivityDialog({
  id,
  onClose,
  onEdit,
}: {
  id: number;
  onClose: () => void;
  onEdit?: (a: ActivityCard) => void;
}) {
  const t = useT();
  const q = useActivity(id);
  return (
    <Dialog
      open
      wide
      title={
        q.data
          ? `${q.data.number ? `${q.data.number} ` : ''}${t('web.prog.activity')}`
          : t('web.prog.activity')
      }
      onClose={onClose}
    >
      {q.isPending ? (
        <SkeletonBlock lines={8} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ActivityPanel a={q.data} onEdit={onEdit} />
      )}
    </Dialog>
  );
}

const route = getRouteApi('/_app/activities/$id');

/** The activity as a page (links from «Мои задачи» and notifications). */
export default function ActivityPage() {
  const t = useT();
  const { id } = route.useParams();
  const q = useActivity(Number(id));
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  return (
    <div className="stack">
      <PageHeader
        crumbs={
          <Link to="/programmes/$id" params={{ id: String(a.programmeId) }} className="crumbs">
            {a.programmeName}
          </Link>
        }
        title={`${a.number ? `${a.number}. ` : ''}${a.text}`}
        badges={<ActivityStatusBadge status={a.status} overdue={a.overdue} />}
      />
      <section className="card">
        <div className="card-body">
          <ActivityPanel a={a} hideTitle />
        </div>
      </section>
      <span className="sr-only">{t('web.prog.activity')}</span>
    </div>
  );
}

export function ActivityPanel({
  a,
  onEdit,
  hideTitle,
}: {
  a: ActivityCard;
  onEdit?: (a: ActivityCard) => void;
  hideTitle?: boolean;
}) {
  const t = useT();
  const occEvidence = (oid: number | null) => a.evidence.filter((e) => e.occurrenceId === oid);
  return (
    <div className="stack">
      {!hideTitle && (
        <div className="stack" style={{ gap: 6 }}>
          <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
            <ActivityStatusBadge status={a.status} overdue={a.overdue} />
            <Link to="/programmes/$id" params={{ id: String(a.programmeId) }} className="small">
              {a.programmeName}
            </Link>
          </div>
          <p style={{ margin: 0, fontWeight: 600, fontSize: '1.05rem' }}>{a.text}</p>
          {onEdit && a.permissions.edit && (
            <div>
              <Button size="sm" icon="edit" onClick={() => onEdit(a)}>
                {t('web.action.edit')}
              </Button>
            </div>
          )}
        </div>
      )}
      <dl className="pp-kv">
        <dt>{t('web.prog.a.deadline')}</dt>
        <dd>
          {a.deadlineText || '—'}
          {a.deadlineReview ? (
            <span className="needs-review" style={{ marginLeft: 8 }}>
              <Icon name="alert" size={13} />
              {t('web.prog.needsReview')}
            </span>
          ) : (
            <span className="deadline-norm">
              {t('web.prog.a.normalised')}: {normalisedDeadline(a)}
            </span>
          )}
        </dd>
        <dt>{t('web.prog.a.executors')}</dt>
        <dd>
          <Multiline text={a.executors} />
          {a.executorUsers.length > 0 && (
            <div className="cell-sub">{a.executorUsers.map((u) => u.fullName).join(', ')}</div>
          )}
        </dd>
        {a.schools.length > 0 && (
          <>
            <dt>{t('web.prog.a.school')}</dt>
            <dd>{a.schools.map((s) => s.shortName).join(', ')}</dd>
          </>
        )}
        {a.level && (
          <>
            <dt>{t('web.prog.col.level')}</dt>
            <dd>{t(`web.prog.alevel.${a.level}`)}</dd>
          </>
        )}
        {a.task && (
          <>
            <dt>{t('web.prog.a.task')}</dt>
            <dd>{a.task}</dd>
          </>
        )}
        <dt>{t('web.prog.a.result')}</dt>
        <dd>
          <Multiline text={a.plannedResult} />
        </dd>
        <dt>{t('web.prog.a.product')}</dt>
        <dd>
          {a.productText ?? '—'}
          {a.productType && t(`web.prog.product.${a.productType}`) !== a.productText && (
            <>
              {' '}
              <Badge>{t(`web.prog.product.${a.productType}`)}</Badge>
            </>
          )}
        </dd>
        {a.completionMark && (
          <>
            <dt>{t('web.prog.a.mark')}</dt>
            <dd>{a.completionMark}</dd>
          </>
        )}
        {a.completionNote && (
          <>
            <dt>{t('web.prog.a.note')}</dt>
            <dd>
              <Multiline text={a.completionNote} />
              {a.completedAt && <div className="cell-sub">{formatDateTime(a.completedAt)}</div>}
            </dd>
          </>
        )}
      </dl>
      {a.permissions.execute && a.occurrences.length === 0 && <StatusForm a={a} />}
      {a.occurrences.length > 0 && (
        <Section title={t('web.prog.occurrences', { n: String(a.occurrences.length) })}>
          <ul className="occ-list">
            {a.occurrences.map((o) => (
              <li key={o.id} className="occ-item">
                <div className="grow">
                  <strong>{o.label}</strong>{' '}
                  <span className="muted small">
                    {formatIsoDate(o.dueFrom)} – {formatIsoDate(o.dueTo)}
                  </span>
                  {o.completionNote && <div className="cell-sub">{o.completionNote}</div>}
                  {occEvidence(o.id).length > 0 && <EvidenceList a={a} items={occEvidence(o.id)} />}
                </div>
                <ActivityStatusBadge status={o.status} overdue={o.overdue} />
                {a.permissions.execute && o.status !== 'done' && <OccurrenceDone a={a} o={o} />}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t('web.prog.evidence', { n: String(a.evidence.length) })}>
        {occEvidence(null).length === 0 && a.occurrences.length === 0 && (
          <p className="muted small" style={{ margin: 0 }}>
            {t('web.prog.noEvidence')}
          </p>
        )}
        {a.occurrences.length === 0 && <EvidenceList a={a} items={a.evidence} />}
        {a.occurrences.length > 0 && occEvidence(null).length > 0 && (
          <EvidenceList a={a} items={occEvidence(null)} />
        )}
        {a.permissions.execute && <EvidenceUpload a={a} />}
      </Section>
    </div>
  );
}

function StatusForm({ a }: { a: ActivityCard }) {
  const t = useT();
  const inv = useInvalidateProgramme();
  const [status, setStatus] = useState<ActivityStatus>(a.status === 'overdue' ? 'done' : a.status);
  const [note, setNote] = useState(a.completionNote ?? '');
  const m = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/activities/{id}/status', {
          params: { path: { id: a.id } },
          body: { status, completionNote: note.trim() || null, version: a.version },
        }),
      ),
    onSettled: () => inv(a.programmeId, a.id),
  });
  const conflict = isApiError(m.error) && m.error.status === 409;
  return (
    <Section title={t('web.prog.markTitle')}>
      <div className="form-grid">
        <Field label={t('web.prog.col.status')}>
          <select
            className="select"
            value={status}
            onChange={(e) => setStatus(e.target.value as ActivityStatus)}
          >
            {ACTIVITY_STATUSES.filter((s) => s !== 'overdue').map((s) => (
              <option key={s} value={s}>
                {t(`web.prog.astatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('web.prog.a.note')} className="span-2">
          <textarea className="textarea" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      {m.isError && (
        <Alert tone={conflict ? 'warn' : 'error'}>
          {conflict && <strong>{t('web.prog.conflictTitle')} </strong>}
          {errorText(m.error, t)}
          {conflict && ` ${t('web.prog.conflictReloaded')}`}
        </Alert>
      )}
      {m.isSuccess && <Alert tone="success">{t('web.prog.statusSaved')}</Alert>}
      <div>
        <Button variant="primary" icon="check" busy={m.isPending} onClick={() => m.mutate()}>
          {t('web.prog.saveStatus')}
        </Button>
      </div>
    </Section>
  );
}

function OccurrenceDone({ a, o }: { a: ActivityCard; o: ActivityCard['occurrences'][number] }) {
  const t = useT();
  const inv = useInvalidateProgramme();
  const m = useMutation({
    mutationFn: () =>
      call(
        api.PATCH('/api/activities/{id}/occurrences/{occurrenceId}', {
          params: { path: { id: a.id, occurrenceId: o.id } },
          body: { status: 'done', version: o.version },
        }),
      ),
    onSettled: () => inv(a.programmeId, a.id),
  });
  return (
    <>
      <Button size="sm" icon="check" busy={m.isPending} onClick={() => m.mutate()}>
        {t('web.prog.markDone')}
      </Button>
      {m.isError && <span className="field-error">{errorText(m.error, t)}</span>}
    </>
  );
}

function EvidenceList({ a, items }: { a: ActivityCard; items: Evidence[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="ev-list">
      {items.map((e) => (
        <EvidenceItem key={e.id} a={a} e={e} />
      ))}
    </ul>
  );
}

function EvidenceItem({ a, e }: { a: ActivityCard; e: Evidence }) {
  const t = useT();
  const [locale] = useLocale();
  const inv = useInvalidateProgramme();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'accepted' | 'returned') =>
      call(
        api.POST('/api/evidence/{id}/review', {
          params: { path: { id: e.id } },
          body: { decision, comment: comment.trim() || null },
        }),
      ),
    onSuccess: () => setReturning(false),
    onSettled: () => inv(a.programmeId, a.id),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/evidence/{id}', { params: { path: { id: e.id } } })),
    onSettled: () => inv(a.programmeId, a.id),
  });
  const href = e.kind === 'file' ? `/api/evidence/${e.id}/file` : (e.url ?? '#');
  return (
    <li className="ev-item">
      <Icon name={e.kind === 'file' ? 'file' : 'link'} />
      <div className="grow">
        <a href={href} target={e.kind === 'link' ? '_blank' : undefined} rel="noreferrer">
          {e.title || e.file?.name}
        </a>
        <div className="cell-sub">
          {e.file ? `${e.file.name} · ${formatSize(e.file.size, locale)} · ` : ''}
          {e.createdBy ? `${e.createdBy} · ` : ''}
          {formatDateTime(e.createdAt)}
        </div>
        {e.reviewComment && (
          <div className="cell-sub">
            {t('web.prog.reviewComment')}: {e.reviewComment}
            {e.reviewedBy ? ` — ${e.reviewedBy}` : ''}
          </div>
        )}
        {returning && (
          <div className="row" style={{ gap: 6, marginTop: 6, flexWrap: 'wrap' }}>
            <input
              className="input"
              style={{ flex: '1 1 220px' }}
              placeholder={t('web.prog.returnComment')}
              aria-label={t('web.prog.returnComment')}
              value={comment}
              onChange={(ev) => setComment(ev.target.value)}
            />
            <Button
              size="sm"
              variant="danger"
              busy={review.isPending}
              onClick={() => review.mutate('returned')}
            >
              {t('web.prog.return')}
            </Button>
          </div>
        )}
        {(review.isError || remove.isError) && (
          <span className="field-error">{(review.error ?? remove.error)?.message}</span>
        )}
      </div>
      <Badge tone={reviewTone(e.reviewStatus)}>{t(`web.prog.review.${e.reviewStatus}`)}</Badge>
      {a.permissions.review && e.reviewStatus !== 'accepted' && (
        <>
          <Button
            size="sm"
            icon="check"
            busy={review.isPending && !returning}
            onClick={() => review.mutate('accepted')}
          >
            {t('web.prog.accept')}
          </Button>
          {!returning && (
            <Button size="sm" onClick={() => setReturning(true)}>
              {t('web.prog.return')}
            </Button>
          )}
        </>
      )}
      {a.permissions.execute && e.reviewStatus !== 'accepted' && (
        <Button
          size="sm"
          variant="ghost"
          icon="close"
          aria-label={t('web.prog.deleteEvidence')}
          title={t('web.prog.deleteEvidence')}
          busy={remove.isPending}
          onClick={() => remove.mutate()}
        />
      )}
    </li>
  );
}

function EvidenceUpload({ a }: { a: ActivityCard }) {
  const t = useT();
  const inv = useInvalidateProgramme();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [title, setTitle] = useState('');
  const [occurrenceId, setOccurrenceId] = useState<string>('');
  const [url, setUrl] = useState('');
  const [linkTitle, setLinkTitle] = useState('');
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      if (title.trim()) form.append('title', title.trim());
      if (occurrenceId) form.append('occurrenceId', occurrenceId);
      return postForm<unknown>(`/api/activities/${a.id}/evidence` as keyof paths, form);
    },
    onSuccess: () => setTitle(''),
    onSettled: () => inv(a.programmeId, a.id),
  });
  const link = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/activities/{id}/evidence/link', {
          params: { path: { id: a.id } },
          body: {
            url: url.trim(),
            title: linkTitle.trim(),
            occurrenceId: occurrenceId ? Number(occurrenceId) : null,
          },
        }),
      ),
    onSuccess: () => {
      setUrl('');
      setLinkTitle('');
    },
    onSettled: () => inv(a.programmeId, a.id),
  });
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) upload.mutate(f);
  };
  return (
    <div className="stack" style={{ gap: 10 }}>
      {a.occurrences.length > 0 && (
        <Field label={t('web.prog.forOccurrence')}>
          <select className="select" value={occurrenceId} onChange={(e) => setOccurrenceId(e.target.value)}>
            <option value="">{t('web.prog.wholeActivity')}</option>
            {a.occurrences.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <div className="dropzone-inner">
          <span className="dropzone-icon">
            <Icon name="upload" size={22} />
          </span>
          <strong>{t('web.prog.dropTitle')}</strong>
          <span className="muted small">{t('web.prog.dropHint')}</span>
          <div className="row" style={{ gap: 8, flexWrap: 'wrap', justifyContent: 'center' }}>
            <input
              className="input"
              style={{ maxWidth: 260 }}
              placeholder={t('web.prog.evidenceTitle')}
              aria-label={t('web.prog.evidenceTitle')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
            <Button icon="upload" busy={upload.isPending} onClick={() => input.current?.click()}>
              {t('web.prog.chooseFile')}
            </Button>
          </div>
          <input
            ref={input}
            type="file"
            hidden
            data-testid="evidence-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) upload.mutate(f);
              e.target.value = '';
            }}
          />
        </div>
      </div>
      {upload.isError && <Alert tone="error">{upload.error.message}</Alert>}
      {upload.isSuccess && <Alert tone="success">{t('web.prog.uploaded')}</Alert>}
      <form
        className="row"
        style={{ gap: 8, flexWrap: 'wrap', alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          link.mutate();
        }}
      >
        <Field label={t('web.prog.linkUrl')} className="grow-field">
          <input
            className="input"
            type="url"
            value={url}
            placeholder="https://"
            onChange={(e) => setUrl(e.target.value)}
          />
        </Field>
        <Field label={t('web.prog.linkTitle')} className="grow-field">
          <input className="input" value={linkTitle} onChange={(e) => setLinkTitle(e.target.value)} />
        </Field>
        <Button type="submit" busy={link.isPending} disabled={!url.trim() || !linkTitle.trim()}>
          {t('web.prog.addLink')}
        </Button>
      </form>
      {link.isError && <Alert tone="error">{link.error.message}</Alert>}
    </div>
  );
}
