import type { AuditVia, Role } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { Principal } from '../../shared/principal.ts';

/** Who does a write: a signed-in user, or the operator at the command line. Recorded in the audit log. */
export interface Actor {
  userId: number | null;
  /** The name written to the audit trail (the user's name at the time; "command line" for the CLI). */
  label: string;
  via: AuditVia;
  role: Role;
  organisationIds: readonly number[];
}

/** Everything a write needs besides its input: who, when, and the request to trace it by. */
export interface WriteContext {
  actor: Actor;
  now: Date;
  requestId: string | null;
}

export function actorOf(principal: Principal): Actor {
  return {
    userId: principal.user.id,
    label: principal.user.name,
    via: principal.via,
    role: principal.user.role,
    organisationIds: principal.user.organisationIds,
  };
}

/** The operator running a command such as `npm run admin:create`: has shell access, so admin rights. */
export const commandLineActor: Actor = {
  userId: null,
  label: 'command line',
  via: 'cli',
  role: 'admin',
  organisationIds: [],
};

// Authorisation rules (docs/accounts.md). Pure, so that the rule is one function per question.

export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** Admins change any organisation's records; editors only those of organisations they belong to. */
export function canWriteFor(actor: Actor, organisationId: number | null): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'editor' && organisationId !== null && actor.organisationIds.includes(organisationId);
}

export function requireAdmin(actor: Actor, what: string): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', `only an admin can ${what}`);
}

export function requireEditor(actor: Actor, what: string): void {
  if (actor.role === 'viewer') throw new AppError('FORBIDDEN', `a viewer cannot ${what}: it needs an editor`);
}

/** Throws 403 unless the actor may write records of this organisation; `what` names the record. */
export function requireWriteFor(actor: Actor, organisationId: number | null, what: string): void {
  requireEditor(actor, `change ${what}`);
  if (!canWriteFor(actor, organisationId)) {
    throw new AppError(
      'FORBIDDEN',
      organisationId === null
        ? `only an admin can change ${what}: it belongs to no organisation`
        : `you cannot change ${what}: it belongs to organisation ${organisationId}, which is not one of yours`,
    );
  }
}
