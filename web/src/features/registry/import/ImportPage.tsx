import { useEffect, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/client';
import { useCurrentUser } from '../../../api/session';
import type { ImportCommitResult, ImportMapping, ImportPreview, ImportProblem } from '../../../api/types';
import { useT, type T } from '../../../i18n';
import { can } from '../../../lib/access';
import { ButtonLink } from '../../../ui/Button';
import { PageHeader } from '../../../ui/Card';
import { EmptyState } from '../../../ui/States';
import { previewQuery, useCommitImport, useImportPreview, type Upload } from './api';
import { CheckStep } from './CheckStep';
import { FileStep } from './FileStep';
import { MappingStep } from './MappingStep';
import { checkFile, MAX_UPLOAD_MB } from './model';
import { ResultStep } from './ResultStep';
import { Steps, type Step } from './Steps';

/** What a failed upload means for the user: the server's message, or ours when there is none. */
export function uploadError(e: unknown, t: T): string {
  if (!isApiError(e)) return e instanceof Error ? e.message : String(e);
  if (e.status === 403) return t('web.import.error.forbidden');
  if (e.status === 413 && e.code !== 'error.tooLarge')
    return t('web.import.error.tooLarge', { mb: MAX_UPLOAD_MB });
  return e.message;
}

export interface Done {
  result: ImportCommitResult;
  fileName: string;
  newSchools: ImportPreview['sample'];
}

/** The registry import wizard: file → column mapping → check → result. */
export default function ImportPage() {
  const t = useT();
  const user = useCurrentUser();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step>('file');
  const [chosen, setChosen] = useState<File | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  /** The mapping the user edited; null while the server's suggestion is used. */
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const token = useRef(0);
  const preview = useImportPreview(upload, mapping);
  const commit = useCommitImport();

  // Leaving the page drops the parsed files from the cache.
  useEffect(
    () => () => {
      qc.removeQueries({ queryKey: ['registry-import'] });
    },
    [qc],
  );
  // Each step starts at the top of the page.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [step]);

  if (!can.importRegistry(user.role)) {
    return (
      <div className="card">
        <EmptyState
          title={t('web.error.forbidden')}
          icon="shield"
          action={<ButtonLink to="/registry">{t('web.action.back')}</ButtonLink>}
        >
          {t('web.import.error.forbidden')}
        </EmptyState>
      </div>
    );
  }

  async function choose(file: File) {
    const bad = checkFile(file);
    setChosen(file);
    if (bad) {
      setFileError(t(bad.key, bad.params));
      return;
    }
    const next: Upload = { file, token: ++token.current };
    setFileError(null);
    setReading(true);
    try {
      await qc.fetchQuery(previewQuery(next, null));
      if (next.token !== token.current) return;
      commit.reset();
      setMapping(null);
      setUpload(next);
      setStep('mapping');
    } catch (e) {
      if (next.token === token.current) setFileError(uploadError(e, t));
    } finally {
      if (next.token === token.current) setReading(false);
    }
  }

  function restart() {
    token.current++;
    qc.removeQueries({ queryKey: ['registry-import'] });
    commit.reset();
    setUpload(null);
    setMapping(null);
    setChosen(null);
    setFileError(null);
    setReading(false);
    setDone(null);
    setStep('file');
  }

  const data = preview.data;
  const current = mapping ?? data?.mapping ?? null;
  // A refused commit returns the problems it found; they replace the preview's until the mapping changes.
  const commitProblems =
    isApiError(commit.error) && Array.isArray(commit.error.details)
      ? (commit.error.details as ImportProblem[])
      : null;

  return (
    <div className="stack-lg import-page">
      <PageHeader
        crumbs={
          <ol className="crumbs">
            <li>
              <Link to="/registry">{t('web.registry.title')}</Link>
            </li>
          </ol>
        }
        title={t('web.import.title')}
        subtitle={t('web.import.subtitle')}
      />
      <Steps current={step} />
      {step === 'file' && (
        <FileStep chosen={chosen} reading={reading} error={fileError} onChoose={(f) => void choose(f)} />
      )}
      {step === 'mapping' && upload && data && current && (
        <MappingStep
          fileName={upload.file.name}
          fileSize={upload.file.size}
          preview={data}
          mapping={current}
          updating={preview.isFetching}
          error={preview.isError ? uploadError(preview.error, t) : null}
          onRetry={() => void preview.refetch()}
          onChange={(m) => {
            commit.reset();
            setMapping(m);
          }}
          onAuto={() => setMapping(null)}
          onRestart={restart}
          onNext={() => setStep('check')}
        />
      )}
      {step === 'check' && upload && data && current && (
        <CheckStep
          fileName={upload.file.name}
          preview={data}
          problems={commitProblems ?? data.problems}
          problemCount={commitProblems ? commitProblems.length : data.summary.problems}
          updating={preview.isFetching}
          error={preview.isError ? uploadError(preview.error, t) : null}
          commitError={
            commit.isError
              ? { title: t('web.import.error.commit'), message: uploadError(commit.error, t) }
              : null
          }
          committing={commit.isPending}
          onBack={() => {
            commit.reset();
            setStep('mapping');
          }}
          onRestart={restart}
          onCommit={() =>
            commit.mutate(
              { file: upload.file, mapping: current },
              {
                onSuccess: (result) => {
                  setDone({
                    result,
                    fileName: upload.file.name,
                    newSchools: data.sample.filter((s) => s.isNew),
                  });
                  setStep('result');
                },
              },
            )
          }
        />
      )}
      {step === 'result' && done && <ResultStep done={done} onRestart={restart} />}
    </div>
  );
}
