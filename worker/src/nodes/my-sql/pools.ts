import net from 'node:net';
import mysql, { type Pool } from 'mysql2/promise';

/** Fields of the `mySql` credential (n8n's shape). */
export interface MySqlCredential {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  ssl?: boolean;
  connectTimeout?: number;
}

const MAX_POOLS = 20;
const pools = new Map<string, Pool>();

/**
 * A pool per distinct credential and address, reused across executions (least recently used closed beyond 20).
 * `address` is where to connect: the credential's host checked against the SSRF policy (resolveNodeHost).
 */
export function poolFor(cred: MySqlCredential, address: string): Pool {
  const host = cred.host || 'localhost';
  const port = Number(cred.port) || 3306;
  const key = JSON.stringify([host, address, port, cred.database, cred.user, cred.password, cred.ssl]);
  const existing = pools.get(key);
  if (existing) {
    pools.delete(key);
    pools.set(key, existing);
    return existing;
  }
  const pool = mysql.createPool({
    host,
    port,
    // Sockets go to the checked address, never to a fresh DNS answer; `host` stays the TLS server name.
    stream: address === host ? undefined : () => net.connect({ host: address, port, noDelay: true }),
    database: cred.database || undefined,
    user: cred.user,
    password: cred.password,
    ssl: cred.ssl ? {} : undefined,
    connectTimeout: Number(cred.connectTimeout) || 10_000,
    connectionLimit: 5,
    maxIdle: 2,
    idleTimeout: 60_000,
    multipleStatements: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  pools.set(key, pool);
  if (pools.size > MAX_POOLS) {
    const [oldestKey, oldest] = pools.entries().next().value as [string, Pool];
    pools.delete(oldestKey);
    void oldest.end().catch(() => {});
  }
  return pool;
}

/** Closes every pool (worker shutdown, tests). */
export async function closeMySqlPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end().catch(() => {})));
}
