import type { Executor } from '../../db/executor.ts';

export async function findSources(db: Executor) {
  return db.selectFrom('sources').selectAll().orderBy('id').execute();
}

export async function findSourceFiles(db: Executor) {
  return db
    .selectFrom('source_files')
    .select(['id', 'source_id', 'title', 'url', 'sha256', 'period', 'retrieved_at'])
    .orderBy('source_id')
    .orderBy('id')
    .execute();
}
