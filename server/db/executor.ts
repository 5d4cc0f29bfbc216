import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/**
 * What a repository function runs its SQL on: the database or an open transaction, so that a service can pass
 * its `trx` down (STYLE: services own transactions).
 */
export type Executor = Kysely<DB> | Transaction<DB>;
