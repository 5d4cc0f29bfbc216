import { z } from '@hono/zod-openapi';

const Instant = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date or date-time')
  .transform((v) => new Date(v).toISOString())
  .openapi({ example: '2026-11-21T12:00:00Z' });

export const AuditEntityType = z.enum(['user', 'organisation', 'programme', 'assessment', 'api_token']);

export const AuditQuery = z.object({
  entityType: AuditEntityType.optional(),
  entityId: z.string().min(1).max(200).optional().openapi({
    description: 'The record: a programme code, or the id of a user, organisation, assessment or token',
  }),
  actor: z.coerce.number().int().positive().optional().openapi({ type: 'integer', description: 'User id' }),
  organisation: z.coerce.number().int().positive().optional().openapi({ type: 'integer' }),
  from: Instant.optional().openapi({ description: 'On or after (ISO 8601)' }),
  to: Instant.optional().openapi({ description: 'On or before (ISO 8601)' }),
  before: z.coerce.number().int().positive().optional().openapi({
    type: 'integer',
    description: 'Rows older than this id: pass `nextBefore` for the next page',
  }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ type: 'integer' }),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({
      id: z.number().int().nullable().openapi({ description: 'null for the command line' }),
      label: z.string().openapi({ description: 'The name at the time of the change' }),
    }),
    via: z.enum(['session', 'token', 'cli']),
    action: z.enum(['create', 'update', 'delete', 'import']),
    entityType: AuditEntityType,
    entityId: z.string(),
    organisationId: z.number().int().nullable(),
    before: z.unknown().openapi({ description: 'The record before; null for a create' }),
    after: z.unknown().openapi({ description: 'The record after; null for a delete' }),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const AuditList = z
  .object({
    entries: z.array(AuditEntryView).openapi({ description: 'Newest first' }),
    nextBefore: z.number().int().nullable().openapi({ description: 'Pass as `before` for older rows' }),
  })
  .openapi('AuditList');
export type AuditList = z.infer<typeof AuditList>;
