import { request } from 'node:http';
import { connect } from 'node:net';

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

/**
 * Writes `text` to a fresh socket as is (no HTTP client checks: any request line, header bytes, framing) and reads
 * until the server closes it. The answer is parsed from the raw bytes; `status` is 0 when nothing came back.
 * @example const res = await rawSocketRequest(api.url, 'GARBAGE\r\n\r\n');
 */
export function rawSocketRequest(base: string, text: string): Promise<RawAnswer> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = raw.split(/\r\n\r\n(.*)/s);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, unknown> = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0) || 0, headers, body });
    });
  });
}
