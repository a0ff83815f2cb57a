import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { postForm } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { ImportCommitResult, ImportMapping, ImportPreview } from '../../../api/types';

/** A chosen file and a number that tells two uploads of the same file apart in the query cache. */
export interface Upload {
  file: File;
  token: number;
}

function form(file: File, mapping: ImportMapping | null): FormData {
  const f = new FormData();
  if (mapping) f.append('mapping', JSON.stringify(mapping));
  f.append('file', file, file.name);
  return f;
}

/** Parse and check the file with a mapping (null: the server suggests one). Nothing is written. */
export const previewImport = (file: File, mapping: ImportMapping | null, signal?: AbortSignal) =>
  postForm<ImportPreview>('/api/registry/import/preview', form(file, mapping), signal);

/** Write the whole file in one transaction; a 400 carries the problems in `details`. */
export const commitImport = (file: File, mapping: ImportMapping) =>
  postForm<ImportCommitResult>('/api/registry/import/commit', form(file, mapping));

export const previewKey = (token: number | undefined, mapping: ImportMapping | null) =>
  ['registry-import', token ?? 0, mapping] as const;

export const previewQuery = (upload: Upload, mapping: ImportMapping | null) => ({
  queryKey: previewKey(upload.token, mapping),
  queryFn: ({ signal }: { signal: AbortSignal }) => previewImport(upload.file, mapping, signal),
  staleTime: Infinity,
  gcTime: 5 * 60_000,
  retry: false,
});

/** The preview of the current file and mapping; the previous answer stays on screen while the next loads. */
export function useImportPreview(upload: Upload | null, mapping: ImportMapping | null) {
  return useQuery({
    ...previewQuery(upload ?? { file: new File([], ''), token: 0 }, mapping),
    enabled: !!upload,
    placeholderData: keepPreviousData,
  });
}

export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mapping }: { file: File; mapping: ImportMapping }) => commitImport(file, mapping),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['schools'] });
      void qc.invalidateQueries({ queryKey: ['school'] });
      void qc.invalidateQueries({ queryKey: keys.region });
      void qc.invalidateQueries({ queryKey: keys.municipalities });
      qc.removeQueries({ queryKey: ['registry-import'] });
    },
  });
}
