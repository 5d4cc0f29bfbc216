import { describe, expect, it } from 'vitest';
import {
  classifyDatabaseError,
  DatabaseStatus,
  MIN_FREE_BYTES,
  STORAGE_FAILURE_MEMORY_MS,
} from './availability.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('classifyDatabaseError', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset socket', withCode('ECONNRESET', 'read ECONNRESET')],
    [
      'admin_shutdown (pg_ctl stop -m immediate)',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['cannot_connect_now (starting up)', withCode('57P03', 'the database system is starting up')],
    ['class 08 connection_failure', withCode('08006', 'connection failure')],
    ['class 08 connection_does_not_exist', withCode('08003')],
    ['pg: the server closed the connection', new Error('Connection terminated unexpectedly')],
    ['pg: connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pg-pool: no free client in time', new Error('timeout exceeded when trying to connect')],
    [
      "Node's AggregateError for a host with several addresses",
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['an AggregateError without a code of its own', new AggregateError([withCode('ECONNREFUSED')], '')],
    ['a wrapped cause', new Error('query failed', { cause: withCode('ECONNRESET') })],
  ])('recognises %s as a connection failure', (_, err) => {
    expect(classifyDatabaseError(err)).toBe('connection');
  });

  it('recognises the statement timeout', () => {
    expect(classifyDatabaseError(withCode('57014', 'canceling statement due to statement timeout'))).toBe(
      'timeout',
    );
  });

  it.each([
    ['disk_full', withCode('53100', 'could not extend file "base/5/16384": No space left on device')],
    ['io_error', withCode('58030')],
    ['ENOSPC from the file system', withCode('ENOSPC')],
    ['a read-only file system', withCode('EROFS')],
    ['the message only', new Error('could not write to file "pg_wal/xlogtemp.42": No space left on device')],
  ])('recognises %s as a storage failure', (_, err) => {
    expect(classifyDatabaseError(err)).toBe('storage');
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('leaves %s alone', (_, err) => {
    expect(classifyDatabaseError(err)).toBeUndefined();
  });

  it('stops on a cyclic cause chain', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(classifyDatabaseError(a)).toBeUndefined();
  });
});

describe('DatabaseStatus', () => {
  it('remembers a storage failure for a while, and only a storage failure', async () => {
    let now = 1_000_000;
    const status = new DatabaseStatus(undefined, () => now);
    expect(status.record(withCode('23505'))).toBeUndefined();
    expect(status.record(withCode('ECONNREFUSED'))).toBe('connection');
    expect(await status.storageProblem()).toBeUndefined();
    expect(status.record(withCode('53100'))).toBe('storage');
    now += 10_000;
    expect(await status.storageProblem()).toMatch(/a write failed 10 s ago/);
    now += STORAGE_FAILURE_MEMORY_MS;
    expect(await status.storageProblem()).toBeUndefined();
  });

  it('reports a (nearly) full disk under the embedded database, and nothing when it cannot tell', async () => {
    let free = MIN_FREE_BYTES * 4;
    const status = new DatabaseStatus(undefined, Date.now, async () => free);
    expect(await status.storageProblem()).toBeUndefined(); // no directory: native PostgreSQL, or in memory
    status.storageDir = '/var/lib/atlas/db';
    expect(await status.storageProblem()).toBeUndefined();
    free = 1024 * 1024;
    expect(await status.storageProblem()).toBe('only 1024 KiB left on its disk');
    const unknown = new DatabaseStatus(undefined, Date.now, () => Promise.reject(new Error('ENOENT')));
    unknown.storageDir = '/gone';
    expect(await unknown.storageProblem()).toBeUndefined();
  });

  it('logs an outage once, and its end once', () => {
    const lines: string[] = [];
    const status = new DatabaseStatus({ warn: (m) => lines.push(m), info: (m) => lines.push(m) });
    for (let i = 0; i < 50; i++) status.record(withCode('ECONNREFUSED', 'connect ECONNREFUSED'));
    status.recordSuccess();
    status.recordSuccess();
    expect(lines).toEqual([
      'database unavailable (connection): connect ECONNREFUSED',
      'database available again',
    ]);
  });
});
