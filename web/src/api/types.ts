import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Me = Json<paths['/api/auth/me']['get']['responses'][200]>;
export type User = Me['user'];
export type Region = Json<paths['/api/region']['get']['responses'][200]>;
export type Municipality = Json<paths['/api/municipalities']['get']['responses'][200]>[number];
export type SchoolPage = Json<paths['/api/schools']['get']['responses'][200]>;
export type SchoolListItem = SchoolPage['items'][number];
export type SchoolQuery = NonNullable<paths['/api/schools']['get']['parameters']['query']>;
export type SchoolCard = Json<paths['/api/schools/{id}']['get']['responses'][200]>;
export type SchoolContextRow = SchoolCard['context'][number];
export type SchoolCreate = paths['/api/schools']['post']['requestBody']['content']['application/json'];
export type SchoolPatch = paths['/api/schools/{id}']['patch']['requestBody']['content']['application/json'];
export type ContextPut =
  paths['/api/schools/{id}/context/{year}']['put']['requestBody']['content']['application/json'];
export type ContextIndicator = Json<paths['/api/context-indicators']['get']['responses'][200]>[number];
export type AuditEntry = Json<paths['/api/schools/{id}/history']['get']['responses'][200]>[number];
export type AuditPage = Json<paths['/api/audit']['get']['responses'][200]>;
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type UserQuery = NonNullable<paths['/api/users']['get']['parameters']['query']>;
export type UserCreate = paths['/api/users']['post']['requestBody']['content']['application/json'];
export type UserPatch = paths['/api/users/{id}']['patch']['requestBody']['content']['application/json'];
export type Role = User['role'];
export type ImportPreview = Json<paths['/api/registry/import/preview']['post']['responses'][200]>;
export type ImportMapping = ImportPreview['mapping'];
export type ImportSheetMapping = NonNullable<ImportMapping['context']>;
export type ImportProblem = ImportPreview['problems'][number];
export type ImportField = ImportPreview['fields'][number];
export type ImportSheet = ImportPreview['sheets'][number];
export type ImportSummary = ImportPreview['summary'];
export type ImportCommitResult = Json<paths['/api/registry/import/commit']['post']['responses'][200]>;
