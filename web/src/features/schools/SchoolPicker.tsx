import { useId, useState, type KeyboardEvent } from 'react';
import { useSchools } from '../../api/hooks';
import { useT } from '../../i18n';
import { useDebounced } from '../../lib/useDebounced';
import { Icon } from '../../ui/icons';

export interface PickedSchool {
  id: number;
  shortName: string;
  sub?: string;
}

/**
 * A searchable school picker (combobox over GET /api/schools?q=). Single mode holds one
 * school; multiple mode shows the chosen schools as removable chips.
 */
export function SchoolPicker({
  id,
  value,
  onChange,
  multiple,
  municipalityId,
  excludeId,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: {
  id?: string;
  value: PickedSchool[];
  onChange: (v: PickedSchool[]) => void;
  multiple?: boolean;
  municipalityId?: number;
  excludeId?: number;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const t = useT();
  const autoId = useId();
  const inputId = id ?? autoId;
  const listId = `${inputId}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 250);
  const results = useSchools({ q: q || undefined, municipalityId, pageSize: 12, sort: 'name' }, open);
  const picked = new Set(value.map((v) => v.id));
  const options = (results.data?.items ?? []).filter((s) => s.id !== excludeId);

  const choose = (s: PickedSchool) => {
    if (multiple) onChange(picked.has(s.id) ? value.filter((v) => v.id !== s.id) : [...value, s]);
    else onChange([s]);
    setText('');
    if (!multiple) setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && options[active]) {
      e.preventDefault();
      const s = options[active];
      choose({ id: s.id, shortName: s.shortName, sub: `${s.settlement} · ${s.municipalityName}` });
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const single = !multiple && value[0];
  return (
    <div className="stack" style={{ gap: 8 }}>
      {value.length > 0 && (
        <div className="chips" aria-live="polite">
          {value.map((v) => (
            <span className="chip" key={v.id} title={v.sub}>
              <span>{v.shortName}</span>
              <button
                type="button"
                onClick={() => onChange(value.filter((x) => x.id !== v.id))}
                aria-label={t('web.picker.remove', { name: v.shortName })}
              >
                <Icon name="close" size={13} />
              </button>
            </span>
          ))}
        </div>
      )}
      <div className="picker">
        <input
          id={inputId}
          className="input input-search"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options[active] ? `${listId}-${options[active].id}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          placeholder={single ? t('web.picker.replace') : t('web.picker.placeholder')}
          value={text}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKey}
        />
        {open && (
          <ul className="picker-list" id={listId} role="listbox" aria-multiselectable={multiple || undefined}>
            {results.isPending ? (
              <li className="picker-empty">{t('web.loading')}</li>
            ) : options.length === 0 ? (
              <li className="picker-empty">{t('web.picker.nothing')}</li>
            ) : (
              options.map((s, i) => (
                <li
                  key={s.id}
                  id={`${listId}-${s.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={picked.has(s.id) ? 'picked' : undefined}
                  onMouseEnter={() => setActive(i)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose({
                      id: s.id,
                      shortName: s.shortName,
                      sub: `${s.settlement} · ${s.municipalityName}`,
                    });
                  }}
                >
                  <span>
                    {picked.has(s.id) && <Icon name="check" size={13} />} {s.shortName}
                  </span>
                  <span className="sub">
                    {s.code} · {s.settlement} · {s.municipalityName}
                  </span>
                </li>
              ))
            )}
          </ul>
        )}
      </div>
    </div>
  );
}
