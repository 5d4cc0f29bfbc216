import type { AccountApi, Me, Role } from '../api/account.ts';
import { WriteError } from '../api/account.ts';
import { LatestLoad } from './latest-load.svelte.ts';
import { toLoadError, type LoadError, type LoadStatus } from './load-status.ts';

/** Why a sign-in failed, for the dialog: wrong credentials, locked (until when), or another error. */
export type SignInError =
  { kind: 'credentials' } | { kind: 'locked'; until: string | null } | { kind: 'other'; error: LoadError };

/**
 * Who is signed in (issue #6, docs/accounts.md): asked of GET /api/auth/me at start; sign-in and sign-out;
 * the CSRF token every write sends; whether the server wants a sign-in before anything else
 * (`readAccess: 'login'`); and what the user may edit.
 */
export class SessionState {
  readonly #api: AccountApi;
  readonly #me = new LatestLoad();

  user = $state.raw<Me | null>(null);
  csrfToken = $state<string | null>(null);
  readAccess = $state<'public' | 'login'>('public');

  /** The sign-in dialog is open (opened from the header or from "Sign in to edit"). */
  dialogOpen = $state(false);
  signingIn = $state(false);
  signInError = $state.raw<SignInError | null>(null);

  readonly role: Role | null = $derived(this.user?.role ?? null);
  /** Editors and admins see the editing controls. */
  readonly canEditAny: boolean = $derived(this.role === 'admin' || this.role === 'editor');
  /** Only the sign-in screen until signed in. */
  readonly mustSignIn: boolean = $derived(
    this.status === 'ready' && this.readAccess === 'login' && this.user === null,
  );
  /** The organisations the user may write for (admins: see `canEdit`, they may write for any). */
  readonly organisations = $derived(this.user?.organisations ?? []);

  /** Of the question to /me (a sign-in answers it too). */
  get status(): LoadStatus {
    return this.#me.status;
  }
  set status(status: LoadStatus) {
    this.#me.status = status;
  }
  get error(): LoadError | null {
    return this.#me.error;
  }

  constructor(api: AccountApi) {
    this.#api = api;
    api.useCsrf(() => this.csrfToken);
  }

  /** Asks the server who this browser is. */
  async load(): Promise<void> {
    await this.#me.run(
      (signal) => this.#api.me(signal),
      (me) => {
        this.user = me.user;
        this.csrfToken = me.csrfToken;
        this.readAccess = me.readAccess;
      },
    );
  }

  /** True when the user may change the records of organisation `id`. */
  canEdit(organisationId: number | null | undefined): boolean {
    if (!this.user || organisationId === null || organisationId === undefined) return false;
    if (this.user.role === 'admin') return true;
    return this.user.role === 'editor' && this.user.organisations.some((o) => o.id === organisationId);
  }

  openDialog(): void {
    this.signInError = null;
    this.dialogOpen = true;
  }

  closeDialog(): void {
    this.dialogOpen = false;
    this.signInError = null;
  }

  /** Signs in; true when it worked (the dialog closes), else `signInError` says why. */
  async signIn(email: string, password: string): Promise<boolean> {
    this.signingIn = true;
    this.signInError = null;
    try {
      const s = await this.#api.login(email.trim(), password);
      this.user = s.user;
      this.csrfToken = s.csrfToken;
      this.status = 'ready';
      this.dialogOpen = false;
      return true;
    } catch (err) {
      this.signInError =
        err instanceof WriteError && err.status === 401
          ? { kind: 'credentials' }
          : err instanceof WriteError && err.status === 429
            ? { kind: 'locked', until: err.lockedUntil }
            : { kind: 'other', error: toLoadError(err) };
      return false;
    } finally {
      this.signingIn = false;
    }
  }

  async signOut(): Promise<void> {
    try {
      await this.#api.logout();
    } catch (err) {
      // The session may have expired already: signed out either way.
      if (!(err instanceof WriteError)) throw err;
    }
    this.user = null;
    this.csrfToken = null;
  }

  /**
   * Runs a write; on 403 CSRF_FAILED (the token changed, e.g. a sign-in in another tab) asks /me for the
   * current token and tries once more, as docs/accounts.md says.
   */
  async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof WriteError) || err.code !== 'CSRF_FAILED') throw err;
      await this.load();
      return fn();
    }
  }

  dispose(): void {
    this.#me.abort();
  }
}
