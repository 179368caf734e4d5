import { expect, it } from 'vitest';
import { ViewerPresence } from './viewer-presence.ts';

it('reports every workflow as viewed until it has heard the answers, then only announced ones for a hold time', () => {
  let now = 0;
  const p = new ViewerPresence({ announceMs: 100, settleMs: 20, now: () => now });
  expect(p.viewed('w1')).toBe(true); // not listening yet
  p.listening(true);
  p.seen(['w1']);
  expect(p.viewed('w2')).toBe(true); // answers may still come
  now = 20;
  expect(p.viewed('w2')).toBe(false);
  expect(p.viewed('w1')).toBe(true);
  now = 299;
  expect(p.viewed('w1')).toBe(true);
  now = 300; // three announce periods without a renewal: the viewer left
  expect(p.viewed('w1')).toBe(false);
  p.seen(['w1']);
  expect(p.viewed('w1')).toBe(true);
});

it('is blind while deaf and for a whole hold time after the subscription came back', () => {
  let now = 0;
  const p = new ViewerPresence({ announceMs: 100, settleMs: 20, now: () => now });
  p.listening(true);
  now = 50;
  expect(p.viewed('w1')).toBe(false);
  p.deaf();
  now = 1_000;
  expect(p.viewed('w1')).toBe(true);
  p.listening(false);
  now = 1_299;
  expect(p.viewed('w1')).toBe(true);
  now = 1_300;
  expect(p.viewed('w1')).toBe(false);
});
