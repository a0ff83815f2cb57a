import { useEffect, useRef, useState, type DragEvent } from 'react';
import { apiLocale } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { formatFileSize } from '../../../lib/format';
import { btnClass, Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Icon } from '../../../ui/icons';
import { Alert, Spinner } from '../../../ui/States';
import { ACCEPT, MAX_UPLOAD_MB } from './model';

/** Step 1: a file by drag and drop or the picker; uploading it starts the preview. */
export function FileStep({
  chosen,
  reading,
  error,
  onChoose,
}: {
  chosen: File | null;
  reading: boolean;
  error: string | null;
  onChoose: (f: File) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  // A file dropped next to the zone must not make the browser leave the page to open it.
  useEffect(() => {
    const stop = (e: globalThis.DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f && !reading) onChoose(f);
  };

  return (
    <Card title={t('web.import.file.title')} id="import-file">
      <div className="stack">
        <div
          className={['dropzone', over && 'over', reading && 'busy'].filter(Boolean).join(' ')}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setOver(true);
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
          }}
          onDrop={onDrop}
          aria-busy={reading || undefined}
        >
          {reading && chosen ? (
            <div className="dropzone-inner" role="status">
              <Spinner />
              <strong>{t('web.import.file.reading', { name: chosen.name })}</strong>
              <span className="muted small">{formatFileSize(chosen.size, locale)}</span>
            </div>
          ) : (
            <div className="dropzone-inner">
              <span className="dropzone-icon">
                <Icon name="upload" size={26} />
              </span>
              <strong className="hide-sm">{t('web.import.file.drop')}</strong>
              <span className="muted small hide-sm">{t('web.import.file.or')}</span>
              <Button variant="primary" icon="file" onClick={() => input.current?.click()}>
                {t('web.import.file.choose')}
              </Button>
              <span className="muted small">{t('web.import.file.hint', { mb: MAX_UPLOAD_MB })}</span>
            </div>
          )}
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            className="sr-only"
            tabIndex={-1}
            aria-label={t('web.import.file.choose')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) onChoose(f);
            }}
          />
        </div>
        {chosen && !reading && (
          <div className="file-line">
            <Icon name="file" />
            <span className="file-name">{chosen.name}</span>
            <span className="muted small nowrap">{formatFileSize(chosen.size, locale)}</span>
          </div>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <div className="row template-hint">
          <Icon name="info" className="muted" />
          <span className="muted small" style={{ flex: 1, minWidth: 220 }}>
            {t('web.import.file.templateHint')}
          </span>
          <a
            className={btnClass('secondary', 'sm')}
            href={`/api/registry/export?lang=${apiLocale()}`}
            download
          >
            <Icon name="download" size={15} />
            {t('web.import.file.template')}
          </a>
        </div>
      </div>
    </Card>
  );
}
