import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterToQuery, workflowRunsHref } from './filters-in-url.ts';

const ANY = { status: '', mode: '', workflowId: '', since: '', data: '' };
const read = (query: string) => filterFromQuery(new URLSearchParams(query));

describe('the executions filters in the address', () => {
  it('reads every filter from its parameter', () => {
    expect(read('status=failed&mode=webhook&workflow=wf_1&since=24h&data=orderId%3A42')).toEqual({
      status: 'failed',
      mode: 'webhook',
      workflowId: 'wf_1',
      since: '24h',
      data: 'orderId:42',
    });
  });

  it('reads a missing, unknown or invalid value as any, and ignores unknown parameters', () => {
    expect(read('')).toEqual(ANY);
    expect(read('status=bogus&mode=FAILED&since=2h&workflow=&page=3')).toEqual(ANY);
    expect(read(`status=Failed&workflow=${'x'.repeat(65)}`)).toEqual(ANY);
    expect(read('status=succeeded&since=forever')).toEqual({ ...ANY, status: 'succeeded' });
    // Custom data the api would refuse (400): no name, a name over 50 characters, a value over 255.
    for (const data of [':42', 'n'.repeat(51), `n:${'v'.repeat(256)}`])
      expect(read(new URLSearchParams({ data }).toString())).toEqual(ANY);
  });

  it('writes only the filters set, in a stable order, and reads them back', () => {
    const f = { status: 'failed', mode: '', workflowId: 'a b&c', since: '7d', data: 'url:http://x?a=1&b' };
    expect(filterToQuery(f).toString()).toBe(
      'status=failed&workflow=a+b%26c&since=7d&data=url%3Ahttp%3A%2F%2Fx%3Fa%3D1%26b',
    );
    expect(filterFromQuery(filterToQuery(f))).toEqual(f);
    expect(read('data=orderId')).toEqual({ ...ANY, data: 'orderId' });
    expect(filterToQuery(ANY).toString()).toBe('');
  });

  it("links to one workflow's runs with only the workflow filter set", () => {
    expect(workflowRunsHref('wf 1')).toBe('/executions?workflow=wf+1');
    expect(read(workflowRunsHref('wf 1').split('?')[1]!)).toEqual({ ...ANY, workflowId: 'wf 1' });
  });
});
