import type { ReactNode } from 'react';
import { Icon } from './icons';
import { Button } from './Button';
import { useT, useLocale } from '../i18n';
import { pageWindow, PAGE_SIZES } from '../lib/search';
import { formatNumber } from '../lib/format';

/** A sortable column header: a button with the current direction announced via aria-sort on the th. */
export function SortHeader({
  label,
  active,
  order,
  onSort,
  numeric,
}: {
  label: ReactNode;
  active: boolean;
  order: 'asc' | 'desc';
  onSort: () => void;
  numeric?: boolean;
}) {
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-btn" onClick={onSort} aria-pressed={active}>
        {label}
        <Icon
          className="sort-ind"
          name={active ? (order === 'asc' ? 'sortAsc' : 'sortDesc') : 'sort'}
          size={13}
        />
      </button>
    </th>
  );
}

export function Pagination({
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (p: number) => void;
  onPageSize?: (s: number) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div className="list-footer">
      <span aria-live="polite">
        {t('web.list.range', {
          from: formatNumber(from, locale),
          to: formatNumber(to, locale),
          total: formatNumber(total, locale),
        })}
      </span>
      {onPageSize && (
        <label className="row" style={{ gap: 6 }}>
          <span>{t('web.list.pageSize')}</span>
          <select
            className="select"
            style={{ width: 76, minHeight: 30, padding: '3px 8px' }}
            value={pageSize}
            onChange={(e) => onPageSize(Number(e.target.value))}
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="spacer" />
      {pages > 1 && (
        <nav className="pager" aria-label={t('web.list.pages')}>
          <Button
            size="sm"
            icon="chevronLeft"
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
            aria-label={t('web.list.prev')}
          />
          {pageWindow(page, pages).map((p, i) =>
            p === null ? (
              <span key={`gap${i}`} className="gap">
                …
              </span>
            ) : (
              <Button
                key={p}
                size="sm"
                aria-current={p === page ? 'page' : undefined}
                onClick={() => onPage(p)}
              >
                {p}
              </Button>
            ),
          )}
          <Button
            size="sm"
            icon="chevronRight"
            disabled={page >= pages}
            onClick={() => onPage(page + 1)}
            aria-label={t('web.list.next')}
          />
        </nav>
      )}
    </div>
  );
}
