import type { Role } from '../../lib/search';

/** Importing results: coordinators (server: resultsPolicies.canImport). */
export const canImportResults = (r: Role) => r === 'regional_coordinator' || r === 'municipal_coordinator';

/** The badge colour of a school's match status in an import. */
export function statusTone(status: string): 'green' | 'blue' | 'teal' | 'amber' | 'red' | undefined {
  switch (status) {
    case 'code':
    case 'name':
      return 'green';
    case 'memory':
      return 'teal';
    case 'manual':
      return 'blue';
    case 'unmatched':
    case 'forbidden':
      return 'red';
    case 'ambiguous':
      return 'amber';
    default:
      return undefined;
  }
}

/** The badge colour of an import's status. */
export function importTone(status: string): 'green' | 'blue' | 'amber' | 'red' | undefined {
  switch (status) {
    case 'committed':
      return 'green';
    case 'parsed':
      return 'blue';
    case 'parsing':
    case 'uploaded':
      return 'amber';
    case 'failed':
      return 'red';
    default:
      return undefined;
  }
}
