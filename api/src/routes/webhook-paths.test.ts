import { describe, expect, it } from 'vitest';
import {
  dynamicPathProblem,
  isDynamicPath,
  pathShape,
  requestSegments,
  WebhookPathIndex,
} from './webhook-paths.ts';

describe('webhook path matching', () => {
  const index = new WebhookPathIndex<string>();
  index.add('GET', 'hook/users/me', 'static-me');
  index.add('GET', 'hook/users/:id', 'user');
  index.add('GET', 'hook/users/:id/orders/:orderId', 'order');
  index.add('GET', 'hook/:kind/:id/orders/latest', 'latest');
  index.add('POST', 'hook/users/:id', 'user-post');
  index.add('GET', 'other/:a', 'other');

  it('captures route parameters by name', () => {
    expect(index.match('GET', 'hook/users/42/orders/7')).toEqual({
      value: 'order',
      params: { id: '42', orderId: '7' },
    });
    expect(index.match('GET', 'other/x')).toEqual({ value: 'other', params: { a: 'x' } });
    expect(index.match('POST', 'hook/users/9')).toEqual({ value: 'user-post', params: { id: '9' } });
  });

  it('prefers a static path, then the pattern with a fixed segment earliest', () => {
    expect(index.match('GET', 'hook/users/me')).toEqual({ value: 'static-me', params: {} });
    expect(index.match('GET', 'hook/users/5')?.value).toBe('user');
    // Both `hook/users/:id/orders/:orderId` and `hook/:kind/:id/orders/latest` match: "users" fixed wins.
    expect(index.match('GET', 'hook/users/5/orders/latest')?.value).toBe('order');
    expect(index.match('GET', 'hook/teams/5/orders/latest')).toEqual({
      value: 'latest',
      params: { kind: 'teams', id: '5' },
    });
  });

  it('needs the same number of non-empty segments, method and fixed segments', () => {
    expect(index.match('GET', 'hook/users')).toBeUndefined();
    expect(index.match('GET', 'hook/users/1/2')).toBeUndefined();
    expect(index.match('GET', 'hook/users/1/orders/7/extra')).toBeUndefined();
    expect(index.match('GET', 'hook/users//orders/7')).toBeUndefined();
    expect(index.match('DELETE', 'hook/users/1')).toBeUndefined();
    expect(index.match('GET', 'nope/users/1')).toBeUndefined();
  });

  it('keeps an encoded slash inside a parameter and refuses malformed encoding', () => {
    expect(index.match('GET', 'other/a/b', 'other/a%2Fb')).toEqual({ value: 'other', params: { a: 'a/b' } });
    expect(index.match('GET', 'other/é', 'other/%C3%A9')?.params).toEqual({ a: 'é' });
    expect(index.match('GET', 'other/x', 'other/%E0%A4%A')).toBeUndefined();
    expect(requestSegments('/a/b%20c/')).toEqual(['a', 'b c']);
  });

  it('lists the methods accepted on a path, static and dynamic', () => {
    expect(index.methodsOf('hook/users/3', ['GET', 'POST', 'PUT']).sort()).toEqual(['GET', 'POST']);
    expect(index.methodsOf('hook/users/me', ['GET', 'POST', 'PUT']).sort()).toEqual(['GET', 'POST']);
    expect(index.methodsOf('hook/zzz', ['GET', 'POST'])).toEqual([]);
  });

  it('finds a registration of the same shape whatever the parameter names (conflicts)', () => {
    expect(index.sameShape('GET', 'hook/users/:userId')).toBe('user');
    expect(index.sameShape('GET', 'hook/users/me')).toBe('static-me');
    expect(index.sameShape('GET', 'hook/:x/:y')).toBeUndefined();
    expect(index.sameShape('PUT', 'hook/users/:id')).toBeUndefined();
    const later = new WebhookPathIndex<number>();
    later.add('GET', 'h/:a', 1);
    later.add('GET', 'h/:b', 2);
    expect(later.match('GET', 'h/z')).toEqual({ value: 2, params: { b: 'z' } });
  });

  it('explains dynamic paths that cannot be served', () => {
    expect(isDynamicPath('a/:b')).toBe(true);
    expect(isDynamicPath('a/b:c')).toBe(false);
    expect(pathShape('a/:b/c/:d')).toBe('a/:/c/:');
    expect(dynamicPathProblem('h/users/:id')).toBeNull();
    expect(dynamicPathProblem('h//:id')).toMatch(/empty segment/);
    expect(dynamicPathProblem('h/:')).toMatch(/not a valid parameter/);
    expect(dynamicPathProblem('h/:a b')).toMatch(/not a valid parameter/);
    expect(dynamicPathProblem('h/:id/x/:id')).toMatch(/twice/);
    expect(dynamicPathProblem(':id/x')).toMatch(/fixed segment/);
    const index = new WebhookPathIndex<number>();
    index.add('GET', 'h/:id/x/:id', 1); // refused at publish, never served
    expect(index.match('GET', 'h/1/x/2')).toBeUndefined();
  });
});
