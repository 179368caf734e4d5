import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterToQuery, workflowRunsHref } from './filters-in-url.ts';

const ANY = { status: '', mode: '', workflowId: '', since: '' };
const read = (query: string) => filterFromQuery(new URLSearchParams(query));

describe('the executions filters in the address', () => {
  it('reads every filter from its parameter', () => {
    expect(read('status=failed&mode=webhook&workflow=wf_1&since=24h')).toEqual({
      status: 'failed',
      mode: 'webhook',
      workflowId: 'wf_1',
      since: '24h',
    });
  });

  it('reads a missing, unknown or invalid value as any, and ignores unknown parameters', () => {
    expect(read('')).toEqual(ANY);
    expect(read('status=bogus&mode=FAILED&since=2h&workflow=&page=3')).toEqual(ANY);
    expect(read(`status=Failed&workflow=${'x'.repeat(65)}`)).toEqual(ANY);
    expect(read('status=succeeded&since=forever')).toEqual({ ...ANY, status: 'succeeded' });
  });

  it('writes only the filters set, in a stable order, and reads them back', () => {
    const f = { status: 'failed', mode: '', workflowId: 'a b&c', since: '7d' };
    expect(filterToQuery(f).toString()).toBe('status=failed&workflow=a+b%26c&since=7d');
    expect(filterFromQuery(filterToQuery(f))).toEqual(f);
    expect(filterToQuery(ANY).toString()).toBe('');
  });

  it("links to one workflow's runs with only the workflow filter set", () => {
    expect(workflowRunsHref('wf 1')).toBe('/executions?workflow=wf+1');
    expect(read(workflowRunsHref('wf 1').split('?')[1]!)).toEqual({ ...ANY, workflowId: 'wf 1' });
  });
});
