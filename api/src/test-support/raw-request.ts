import { request } from 'node:http';

export type RawAnswer = { status: number; headers: Record<string, unknown>; body: string };

/**
 * One HTTP/1.1 request exactly as written: any method, the path not normalised (fetch resolves `..` and `%2e`).
 * @example const res = await rawRequest(api.url, 'PROPFIND', '/webhook/a/%2e%2e/b');
 */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawAnswer> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: { ...res.headers },
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
