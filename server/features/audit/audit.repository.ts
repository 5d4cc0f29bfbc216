import type { AuditAction, AuditEntityType, AuditVia } from '../../db/schema.ts';
import type { Executor } from '../../db/executor.ts';

export interface AuditRowInsert {
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  via: AuditVia;
  action: AuditAction;
  entity_type: AuditEntityType;
  entity_id: string;
  organisation_id: number | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

// jsonb parameters go as text; SQL NULL (not JSON null) when there is no before (a create) or after (a delete).
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export async function insertAuditRows(db: Executor, rows: AuditRowInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(rows.map((r) => ({ ...r, before: json(r.before), after: json(r.after) })))
    .execute();
}

export interface AuditFilter {
  entityType?: AuditEntityType;
  entityId?: string;
  actor?: number;
  organisation?: number;
  from?: string;
  to?: string;
  /** Rows with a smaller id only (paging backwards from the newest). */
  before?: number;
  limit: number;
  /** For non-admins: only rows about these organisations' records, or done by this user. */
  visibleTo?: { userId: number; organisationIds: readonly number[] };
}

/** Audit rows, newest first. */
export async function findAuditRows(db: Executor, f: AuditFilter) {
  let query = db
    .selectFrom('audit_log as a')
    .select([
      'a.id',
      'a.at',
      'a.actor_user_id',
      'a.actor_label',
      'a.via',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.organisation_id',
      'a.before',
      'a.after',
      'a.request_id',
    ])
    .orderBy('a.id', 'desc')
    .limit(f.limit);
  if (f.entityType !== undefined) query = query.where('a.entity_type', '=', f.entityType);
  if (f.entityId !== undefined) query = query.where('a.entity_id', '=', f.entityId);
  if (f.actor !== undefined) query = query.where('a.actor_user_id', '=', f.actor);
  if (f.organisation !== undefined) query = query.where('a.organisation_id', '=', f.organisation);
  if (f.from !== undefined) query = query.where('a.at', '>=', f.from);
  if (f.to !== undefined) query = query.where('a.at', '<=', f.to);
  if (f.before !== undefined) query = query.where('a.id', '<', f.before);
  const visible = f.visibleTo;
  if (visible) {
    query = query.where((eb) =>
      eb.or([
        eb('a.actor_user_id', '=', visible.userId),
        ...(visible.organisationIds.length
          ? [eb('a.organisation_id', 'in', [...visible.organisationIds])]
          : []),
      ]),
    );
  }
  return query.execute();
}

/** The newest audit row of each of these records: when it last changed, and by whom. */
export async function findLastChanges(db: Executor, entityType: AuditEntityType, entityIds: string[]) {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('audit_log')
    .select(['entity_id', 'at', 'actor_label'])
    .distinctOn('entity_id')
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds)
    .orderBy('entity_id')
    .orderBy('id', 'desc')
    .execute();
}
