import { useMe } from './hooks';
import type { User } from './types';

/** The signed-in user; only inside the application shell, which guarantees a session. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside of a session');
  return data.user;
}
