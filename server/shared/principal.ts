import type { Role } from '../db/schema.ts';

// Who is calling, as every request may carry it (AppEnv): shared vocabulary, so that shared/app-env.ts does not
// depend on the auth feature that finds the principal.

/** A signed-in user as the request sees them: role and the organisations an editor may change. */
export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisationIds: readonly number[];
}

/** Who is calling and how they proved it. */
export interface Principal {
  user: AuthUser;
  via: 'session' | 'token';
  /** The session's id (SHA-256 of the cookie) and CSRF token, for session principals. */
  session?: { id: string; csrfToken: string };
  tokenId?: number;
}
