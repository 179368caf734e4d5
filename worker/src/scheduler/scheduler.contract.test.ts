import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dropPrefix, REDIS_URL, testPrefix, waitFor } from '../queue/testing/redis.ts';
import { BullmqScheduler } from './bullmq-scheduler.ts';
import { MemoryScheduler } from './memory-scheduler.ts';
import { type ScheduleSpec, weekNumber } from './schedule-rules.ts';
import type { ScheduleFire, Scheduler } from './types.ts';

const prefix = testPrefix();
const opened: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
afterAll(() => dropPrefix(prefix));

let q = 0;
/** Factories return N schedulers sharing one registry (N processes in production; one in embedded). */
const impls: Array<[string, number, (n: number) => Scheduler[]]> = [
  ['memory', 1, () => [new MemoryScheduler()]],
  [
    'bullmq',
    2,
    (n) => {
      const name = `sched${q++}`;
      return Array.from(
        { length: n },
        () => new BullmqScheduler({ redisUrl: REDIS_URL, prefix, queueName: name }),
      );
    },
  ],
];

const spec = (workflowId: string, node: string, pattern: string, tz = 'UTC'): ScheduleSpec => ({
  id: `${workflowId}|${node}|0`,
  workflowId,
  nodeName: node,
  pattern,
  tz,
});

describe.each(impls)('Scheduler contract (%s)', (name, workers, make) => {
  const open = (n = 1) => {
    const s = make(n);
    opened.push(...s);
    return s;
  };

  it('syncWorkflow registers, replaces and removes a workflow’s schedules', async () => {
    const [s] = open();
    await s.syncWorkflow('w1', [
      spec('w1', 'A', '0 0 * * * *'),
      spec('w1', 'B', '0 0 9 * * *', 'Europe/Paris'),
    ]);
    await s.syncWorkflow('w2', [spec('w2', 'A', '0 */5 * * * *')]);
    expect((await s.list('w1')).map((x) => x.id).sort()).toEqual(['w1|A|0', 'w1|B|0']);
    expect((await s.list('w1')).find((x) => x.nodeName === 'B')).toMatchObject({
      tz: 'Europe/Paris',
      pattern: '0 0 9 * * *',
    });
    await s.syncWorkflow('w1', [spec('w1', 'B', '0 0 10 * * *', 'Europe/Paris')]);
    expect(await s.list('w1')).toEqual([spec('w1', 'B', '0 0 10 * * *', 'Europe/Paris')]);
    await s.syncWorkflow('w1', []); // unpublish
    expect(await s.list('w1')).toEqual([]);
    expect(await s.list('w2')).toHaveLength(1);
  });

  it('rejects bad specs before registering anything', async () => {
    const [s] = open();
    await expect(s.syncWorkflow('w1', [spec('w1', 'A', 'nonsense')])).rejects.toThrow();
    await expect(s.syncWorkflow('w1', [spec('w1', 'A', '* * * * * *', 'Nowhere/Land')])).rejects.toThrow();
    await expect(s.syncWorkflow('w1', [spec('w2', 'A', '* * * * * *')])).rejects.toThrow(/another workflow/);
    expect(await s.list()).toEqual([]);
  });

  const seconds = name === 'bullmq' ? 10 : 3;
  it(`every second for ${seconds} s with ${workers} worker(s): one fire per tick`, {
    timeout: 30_000,
  }, async () => {
    const all = open(workers);
    const fires: ScheduleFire[] = [];
    for (const s of all) s.start(async (f) => void fires.push(f));
    const t0 = Date.now();
    await all[0].syncWorkflow('wsec', [spec('wsec', 'Tick', '* * * * * *')]);
    await new Promise((r) => setTimeout(r, seconds * 1000 - (Date.now() - t0)));
    await all[0].syncWorkflow('wsec', []);
    const count = fires.length;
    expect(count).toBeGreaterThanOrEqual(seconds - 1);
    expect(count).toBeLessThanOrEqual(seconds + 1);
    expect(new Set(fires.map((f) => f.tickAt)).size).toBe(count);
    expect(new Set(fires.map((f) => f.fireId)).size).toBe(count);
    for (const f of fires) expect(f.tickAt % 1000).toBe(0);
    // Unpublished: no more fires.
    await new Promise((r) => setTimeout(r, 1500));
    expect(fires.length).toBeLessThanOrEqual(count + 1);
  });

  it('re-syncing an unchanged schedule does not add fires', async () => {
    const [s] = open();
    const fires: ScheduleFire[] = [];
    s.start(async (f) => void fires.push(f));
    await s.syncWorkflow('wre', [spec('wre', 'Tick', '* * * * * *')]);
    for (let i = 0; i < 5; i++) await s.syncWorkflow('wre', [spec('wre', 'Tick', '* * * * * *')]);
    await waitFor(() => fires.length >= 2, 4000);
    await s.syncWorkflow('wre', []);
    const ticks = fires.map((f) => f.tickAt);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('runs "every N weeks" patterns: fires in the weeks it should, none in the others', {
    timeout: 15_000,
  }, async () => {
    const [s] = open();
    const fires: ScheduleFire[] = [];
    s.start(async (f) => void fires.push(f));
    // Every second, but only in weeks whose number (UTC) is a multiple of N.
    const week = weekNumber(Date.now(), 'UTC');
    const on = [2, 3, 4, 5, 6, 7].find((n) => week % n === 0);
    const off = [2, 3, 4, 5, 6, 7].find((n) => week % n !== 0)!;
    const specs = [spec('wweeks', 'Off', `* * * * * * every ${off} weeks`)];
    if (on) specs.push({ ...spec('wweeks', 'On', `* * * * * * every ${on} weeks`), id: 'wweeks|On|0' });
    await s.syncWorkflow('wweeks', specs);
    expect((await s.list('wweeks')).map((x) => x.pattern).sort()).toEqual(specs.map((x) => x.pattern).sort());
    await new Promise((r) => setTimeout(r, 2500));
    await s.syncWorkflow('wweeks', []);
    expect(fires.filter((f) => f.nodeName === 'Off')).toEqual([]);
    if (on) expect(fires.filter((f) => f.nodeName === 'On').length).toBeGreaterThanOrEqual(1);
  });
});
