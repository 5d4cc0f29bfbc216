import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';

// A throwaway PostgreSQL 15 cluster on a free loopback port, for fault injection (issue #11): Debian's
// postgresql-common tools, as checked in STACK-NOTES ("Checked 2026-12-03"). The cluster listens on
// localhost only (Debian's default listen_addresses) with trust auth, and is always dropped afterwards.

const run = promisify(execFile);
const VERSION = '15';

/** Why a throwaway cluster cannot be made here, or undefined when it can. */
export function clusterUnavailableReason(): string | undefined {
  if (!existsSync('/usr/bin/pg_createcluster'))
    return 'pg_createcluster not found (Debian postgresql-common)';
  if (!existsSync(`/usr/lib/postgresql/${VERSION}/bin/postgres`))
    return `PostgreSQL ${VERSION} is not installed`;
  if (!existsSync(`/usr/share/postgresql/${VERSION}/extension/postgis.control`)) {
    return `PostGIS for PostgreSQL ${VERSION} is not installed (apt-get install postgresql-${VERSION}-postgis-3)`;
  }
  return undefined;
}

export interface Cluster {
  readonly name: string;
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** `pg_ctlcluster … stop -m immediate`: every backend is killed at once, as in a crash. */
  stopImmediate(): Promise<void>;
  start(): Promise<void>;
  /** Stops (if running) and removes the cluster and its data. Safe to call twice. */
  drop(): Promise<void>;
}

/** A port nothing listens on at this moment (the kernel's pick for an ephemeral bind on 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function createCluster(prefix = 'atlas_fault'): Promise<Cluster> {
  const port = await freePort();
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  // --skip-systemctl-redirect: act on the cluster directly even where systemd runs.
  const ctl = (...args: string[]) =>
    run('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, name, ...args]);
  let dropped = false;
  const cluster: Cluster = {
    name,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stopImmediate: async () => {
      await ctl('stop', '-m', 'immediate');
    },
    start: async () => {
      await ctl('start');
    },
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await run('pg_dropcluster', ['--stop', VERSION, name]);
    },
  };
  try {
    // --no-sync: initdb need not flush a cluster that lives for a minute (the server itself keeps fsync on).
    await run('pg_createcluster', [
      VERSION,
      name,
      '--port',
      String(port),
      '--start',
      '--',
      '--auth-host=trust',
      '--auth-local=trust',
      '--no-sync',
    ]);
  } catch (err) {
    await cluster.drop().catch(() => {});
    throw err;
  }
  return cluster;
}
