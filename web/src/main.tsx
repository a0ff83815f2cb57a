import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryCache, QueryClient, QueryClientProvider, MutationCache } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { LocaleProvider } from './i18n';
import { isApiError } from './api/client';
import { keys } from './api/hooks';
import { router } from './router';
import { ErrorBoundary } from './ui/ErrorBoundary';
import './ui/styles.css';

/** A request answered 401 means the session has ended: drop the user so that the shell shows the login page. */
function onApiError(e: unknown) {
  if (isApiError(e) && e.status === 401 && queryClient.getQueryData(keys.me)) {
    queryClient.setQueryData(keys.me, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (n, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && n < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fullPage>
      <QueryClientProvider client={queryClient}>
        <LocaleProvider
          onChange={() => void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' })}
        >
          <RouterProvider router={router} />
        </LocaleProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
