import { lazy } from 'react';
import { createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { AppShell } from './ui/AppShell';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { NotFoundPage, RouteErrorPage } from './features/errors/pages';
import {
  parseAuditSearch,
  parseQueryString,
  parseSchoolSearch,
  parseUserSearch,
  stringifyQueryString,
} from './lib/search';
import { parseProgrammePageSearch, parseProgrammeSearch } from './features/programmes/search';
import { parseRunSearch } from './features/identification/search';
import { parseCatalogueSearch, parseIndicatorPanelSearch } from './features/indicators/search';

// Pages other than the login and home pages load on demand.
const SchoolsPage = lazy(() => import('./features/registry/SchoolsPage'));
const MunicipalitiesPage = lazy(() => import('./features/registry/MunicipalitiesPage'));
const IndicatorsPage = lazy(() => import('./features/registry/IndicatorsPage'));
const ImportPage = lazy(() => import('./features/registry/import/ImportPage'));
const SchoolCardPage = lazy(() => import('./features/schools/SchoolCardPage'));
const SchoolEditPage = lazy(() => import('./features/schools/SchoolEditPage'));
const SchoolCreatePage = lazy(() => import('./features/schools/SchoolCreatePage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const UserEditPage = lazy(() => import('./features/users/UserEditPage'));
const UserCreatePage = lazy(() => import('./features/users/UserCreatePage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));
const ProgrammesPage = lazy(() => import('./features/programmes/ProgrammesPage'));
const ProgrammePage = lazy(() => import('./features/programmes/ProgrammePage'));
const ImportRoadmapPage = lazy(() => import('./features/programmes/ImportRoadmapPage'));
const ActivityPage = lazy(() => import('./features/programmes/ActivityPanel'));
const TasksPage = lazy(() => import('./features/programmes/TasksPage'));
const SchoolResultsPage = lazy(() => import('./features/results/SchoolResultsPage'));
const ResultsPage = lazy(() => import('./features/results/ResultsPage'));
const ResultsImportPage = lazy(() => import('./features/results/ResultsImportPage'));
const IdentificationPage = lazy(() => import('./features/identification/IdentificationPage'));
const IdentificationRunPage = lazy(() => import('./features/identification/RunPage'));
const IndicatorCataloguePage = lazy(() => import('./features/indicators/CataloguePage'));

const rootRoute = createRootRoute({ component: Outlet });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string } => {
    const r = raw.redirect;
    // Only same-site paths: never an open redirect.
    return typeof r === 'string' && r.startsWith('/') && !r.startsWith('//') ? { redirect: r } : {};
  },
  component: LoginPage,
});

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: '_app', component: AppShell });

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const schoolsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/registry',
  validateSearch: parseSchoolSearch,
  component: SchoolsPage,
});
const municipalitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/registry/municipalities',
  component: MunicipalitiesPage,
});
const indicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/registry/indicators',
  component: IndicatorsPage,
});
const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/registry/import',
  component: ImportPage,
});
const schoolNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/schools/new',
  component: SchoolCreatePage,
});
const schoolRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/schools/$id',
  component: SchoolCardPage,
});
const schoolEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/schools/$id/edit',
  component: SchoolEditPage,
});
const schoolResultsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/schools/$id/results',
  component: SchoolResultsPage,
});
const resultsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/results',
  component: ResultsPage,
});
const resultsImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/results/import',
  validateSearch: (raw: Record<string, unknown>): { id?: number } => {
    const id = Number(raw.id);
    return Number.isSafeInteger(id) && id > 0 ? { id } : {};
  },
  component: ResultsImportPage,
});
const identificationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/identification',
  component: IdentificationPage,
});
const identificationRunRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/identification/runs/$id',
  validateSearch: parseRunSearch,
  component: IdentificationRunPage,
});
const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: parseUserSearch,
  component: UsersPage,
});
const userNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/new',
  component: UserCreatePage,
});
const userRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/$id',
  validateSearch: (raw: Record<string, unknown>): { created?: '1' } =>
    raw.created === '1' ? { created: '1' } : {},
  component: UserEditPage,
});
const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  validateSearch: parseAuditSearch,
  component: AuditPage,
});
const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programmes',
  validateSearch: parseProgrammeSearch,
  component: ProgrammesPage,
});
const programmeImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programmes/import',
  component: ImportRoadmapPage,
});
const programmeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programmes/$id',
  validateSearch: (raw: Record<string, unknown>) => ({
    ...parseProgrammePageSearch(raw),
    ...parseIndicatorPanelSearch(raw),
  }),
  component: ProgrammePage,
});
const activityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/$id',
  component: ActivityPage,
});
const indicatorCatalogueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicators',
  validateSearch: parseCatalogueSearch,
  component: IndicatorCataloguePage,
});
const tasksRoute = createRoute({ getParentRoute: () => appRoute, path: '/tasks', component: TasksPage });
const notFoundRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: NotFoundPage });

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    schoolsRoute,
    municipalitiesRoute,
    indicatorsRoute,
    importRoute,
    schoolNewRoute,
    schoolRoute,
    schoolEditRoute,
    schoolResultsRoute,
    resultsRoute,
    resultsImportRoute,
    identificationRoute,
    identificationRunRoute,
    usersRoute,
    userNewRoute,
    userRoute,
    auditRoute,
    programmesRoute,
    programmeImportRoute,
    programmeRoute,
    activityRoute,
    indicatorCatalogueRoute,
    tasksRoute,
    notFoundRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  parseSearch: parseQueryString,
  stringifySearch: stringifyQueryString,
  defaultErrorComponent: RouteErrorPage,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
