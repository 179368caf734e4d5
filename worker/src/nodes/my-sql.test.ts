import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { NonRetriableError } from '@tandem/shared/engine';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../http/index.ts';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { closeMySqlPools, poolFor } from './my-sql/pools.ts';
import { bindReplacements, buildSelect, quoteId } from './my-sql/sql.ts';
import { executeMySql } from './my-sql.ts';

/** This machine's own name, when it resolves to a private address: proves the check follows DNS. */
const privateNames = await lookup(hostname()).then(
  (a) => (isPrivateAddress(a.address) ? [hostname()] : []),
  () => [],
);

const database = `tandem_t_${randomBytes(4).toString('hex')}`;
const admin = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const credentials = { mySql: { ...admin, database } };
/** The test MariaDB is on loopback: these tests relax the SSRF policy like an admin would. */
const privateOk = { http: { ssrf: { allowPrivateNetworks: true } } };
let conn: mysql.Connection;

beforeAll(async () => {
  conn = await mysql.createConnection(admin);
  await conn.query(`CREATE DATABASE ${database}`);
  await conn.query(`USE ${database}`);
  await conn.query(
    'CREATE TABLE people (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) UNIQUE, age INT, meta JSON NULL, born DATETIME NULL)',
  );
});
afterAll(async () => {
  await conn.query(`DROP DATABASE IF EXISTS ${database}`);
  await conn.end();
  await closeMySqlPools();
});

async function run(
  parameters: Record<string, unknown>,
  items: { json: Record<string, unknown> }[] = [{ json: {} }],
  extra = {},
) {
  const { ctx } = makeNodeContext({
    parameters: parameters as never,
    items: items as never,
    credentials,
    services: privateOk,
    ...extra,
  });
  return jsonOf(await executeMySql(ctx));
}

describe('MySQL SQL building', () => {
  it('quotes identifiers and binds values', () => {
    expect(quoteId('a`b')).toBe('`a``b`');
    expect(quoteId('db.t')).toBe('`db`.`t`');
    expect(() => quoteId('')).toThrow(/empty/);
    expect(
      buildSelect({
        table: 't',
        where: [
          { column: 'x', condition: 'greater', value: 3 },
          { column: 'y', condition: 'IS NULL' },
        ],
        combine: 'OR',
        limit: 5,
      }),
    ).toEqual({
      sql: 'SELECT * FROM `t` WHERE `x` > ? OR `y` IS NULL LIMIT 5',
      values: [3],
    });
  });

  it('turns $n into bound placeholders outside strings and comments', () => {
    expect(bindReplacements("SELECT '$1', `$1` FROM t WHERE a = $2 -- $1\n AND b = $1", ['x', 'y'])).toEqual({
      sql: "SELECT '$1', `$1` FROM t WHERE a = ? -- $1\n AND b = ?",
      values: ['y', 'x'],
    });
    expect(() => bindReplacements('SELECT $3', ['a'])).toThrow(/uses \$3/);
    expect(() => bindReplacements('SELECT ?, ?', ['a'])).toThrow(/more \? placeholders/);
  });
});

describe('MySQL node against MariaDB', () => {
  it('inserts auto-mapped items and rows defined below', async () => {
    expect(
      await run({ operation: 'insert', table: 'people' }, [
        { json: { name: 'ann', age: 30, meta: { tags: ['a'] } } },
        { json: { name: 'bob', age: 25 } },
      ]),
    ).toEqual([{ success: true }, { success: true }]);
    const out = await run(
      {
        operation: 'insert',
        table: { __rl: true, value: 'people', mode: 'list' },
        dataMode: 'defineBelow',
        valuesToSend: {
          values: [
            { column: 'name', value: '={{ $json.n }}' },
            { column: 'age', value: 41 },
          ],
        },
        options: { detailedOutput: true },
      },
      [{ json: { n: 'cy' } }],
    );
    expect(out).toEqual([{ success: true, affectedRows: 1, insertId: 3, changedRows: 0 }]);
  });

  it('selects with conditions, sort, limit and output columns', async () => {
    const rows = await run({
      operation: 'select',
      table: 'people',
      where: { values: [{ column: 'age', condition: 'greaterOrEqual', value: '26' }] },
      sort: { values: [{ column: 'age', direction: 'DESC' }] },
      options: { outputColumns: 'name, age' },
    });
    expect(rows).toEqual([
      { name: 'cy', age: 41 },
      { name: 'ann', age: 30 },
    ]);
    const limited = await run({
      operation: 'select',
      table: 'people',
      limit: 1,
      sort: { values: [{ column: 'id' }] },
    });
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ name: 'ann', meta: { tags: ['a'] } });
  });

  it('updates by a match column and upserts', async () => {
    await run({ operation: 'update', table: 'people', columnToMatchOn: 'name' }, [
      { json: { name: 'bob', age: 26 } },
    ]);
    await run({ operation: 'upsert', table: 'people', columnToMatchOn: 'name' }, [
      { json: { name: 'ann', age: 31 } },
      { json: { name: 'dee', age: 50 } },
    ]);
    const rows = await run({
      operation: 'executeQuery',
      query: 'SELECT name, age FROM people ORDER BY name',
    });
    expect(rows).toEqual([
      { name: 'ann', age: 31 },
      { name: 'bob', age: 26 },
      { name: 'cy', age: 41 },
      { name: 'dee', age: 50 },
    ]);
  });

  it('runs queries with bound parameters, never string-built', async () => {
    const hostile = "x' OR '1'='1";
    expect(
      await run(
        {
          operation: 'executeQuery',
          query: 'SELECT name FROM people WHERE name = $1',
          options: { queryReplacement: '={{ [$json.v] }}' },
        },
        [{ json: { v: hostile } }],
      ),
    ).toEqual([]);
    expect(
      await run({
        operation: 'executeQuery',
        query: 'SELECT name FROM people WHERE name = ? OR age = ?',
        options: { queryReplacement: 'bob, 50' },
      }),
    ).toEqual([{ name: 'bob' }, { name: 'dee' }]);
    expect(
      await run({
        operation: 'select',
        table: 'people',
        where: { values: [{ column: 'name', value: hostile }] },
      }),
    ).toEqual([]);
    // Multiple statements are refused by the driver.
    await expect(run({ operation: 'executeQuery', query: 'SELECT 1; DROP TABLE people' })).rejects.toThrow(
      /SQL syntax/,
    );
  });

  it('returns dates as ISO strings and reports write results for non-select queries', async () => {
    await run({
      operation: 'executeQuery',
      query: 'UPDATE people SET born = ? WHERE name = ?',
      options: { queryReplacement: '2001-02-03 04:05:06, ann' },
    });
    const [row] = await run({
      operation: 'executeQuery',
      query: "SELECT born FROM people WHERE name = 'ann'",
    });
    expect(typeof (row as { born: string }).born).toBe('string');
    expect(
      await run({ operation: 'executeQuery', query: 'UPDATE people SET age = age + 1 WHERE age > 100' }),
    ).toEqual([{ success: true }]);
  });

  it('deletes with conditions and rolls back a failing transaction', async () => {
    await run({
      operation: 'deleteTable',
      table: 'people',
      deleteCommand: 'delete',
      where: { values: [{ column: 'name', value: 'dee' }] },
    });
    await expect(
      run({ operation: 'insert', table: 'people', options: { queryBatching: 'transaction' } }, [
        { json: { name: 'eve', age: 1 } },
        { json: { name: 'ann', age: 2 } },
      ]),
    ).rejects.toThrow(/Duplicate entry/);
    const names = await run({ operation: 'executeQuery', query: 'SELECT name FROM people ORDER BY name' });
    expect(names).toEqual([{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }]);
  });

  it('continues on fail with error items and reports errors clearly', async () => {
    const out = await run(
      { operation: 'insert', table: 'people' },
      [{ json: { name: 'ann' } }, { json: { name: 'fay' } }],
      { continueOnFail: true },
    );
    expect(out[0]).toEqual({ error: expect.stringMatching(/Duplicate entry 'ann'/) });
    expect(out[1]).toEqual({ success: true });
    await expect(run({ operation: 'select', table: 'nope' })).rejects.toThrow(/doesn't exist/);
    await expect(run({ operation: 'insert', table: 'people' }, [{ json: {} }])).rejects.toThrow(/no columns/);
    await expect(run({ operation: 'executeQuery', query: '  ' })).rejects.toThrow(/query is empty/);
    const { ctx } = makeNodeContext({ parameters: { operation: 'select', table: 'people' } });
    await expect(executeMySql(ctx)).rejects.toThrow(/no credential of type mySql/);
    const down = makeNodeContext({
      parameters: { operation: 'select', table: 'people' },
      credentials: { mySql: { host: '127.0.0.1', port: 1, user: 'root' } },
      services: privateOk,
    });
    await expect(executeMySql(down.ctx)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("cannot reach loopback or private addresses (Tandem's own database) under the default SSRF policy", async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '192.168.1.10', '', ...privateNames]) {
      const { ctx } = makeNodeContext({
        parameters: {
          operation: 'executeQuery',
          query: `INSERT INTO ${database}.people (name) VALUES ('pwned')`,
        },
        credentials: { mySql: { ...admin, host } },
      });
      const err = await executeMySql(ctx).catch((e: unknown) => e);
      expect(err, host).toBeInstanceOf(NonRetriableError);
      expect((err as Error).message).toMatch(/are blocked: it is a private, loopback or link-local address/);
    }
    const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM ${database}.people WHERE name = 'pwned'`);
    expect((rows as { n: number }[])[0].n).toBe(0);
  });

  it('connects to the checked address, not to a second DNS answer for the name', async () => {
    // the name does not resolve at all: only the pinned address can have been used
    const pool = poolFor({ ...admin, host: 'db.tandem-test.invalid', database }, '127.0.0.1');
    const [rows] = await pool.query('SELECT 1 + 1 AS two');
    expect((rows as { two: number }[])[0].two).toBe(2);
  });
});
