import { z } from '@hono/zod-openapi';
import { IdParam, IsoInstant, Text } from '../../shared/schemas.ts';

// Not Date.parse: it took "2024-02-30" and "99999", the second a 500 from the database (issue #11, item 4).
const Instant = IsoInstant;

export const AuditEntityType = z.enum([
  'user',
  'organisation',
  'programme',
  'assessment',
  'api_token',
  'safety_strategy',
  'scenario',
]);

export const AuditQuery = z.object({
  entityType: AuditEntityType.optional(),
  entityId: Text().min(1).max(200).optional().openapi({
    description: 'The record: a programme code, or the id of a user, organisation, assessment or token',
  }),
  actor: IdParam().optional().openapi({ type: 'integer', description: 'User id' }),
  organisation: IdParam().optional().openapi({ type: 'integer' }),
  from: Instant.optional().openapi({ description: 'On or after (ISO 8601)' }),
  to: Instant.optional().openapi({ description: 'On or before (ISO 8601)' }),
  before: IdParam().optional().openapi({
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
