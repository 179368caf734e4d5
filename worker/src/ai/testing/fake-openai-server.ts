import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server speaking the OpenAI Chat Completions protocol with scripted answers, so tests drive the real
 * `openai` SDK over real HTTP. Any non-error reply is streamed as SSE chunks when the request asks for `stream`.
 */
export type FakeReply =
  | { text: string }
  | { json: unknown }
  | { toolCalls: { name: string; arguments: unknown; id?: string }[]; text?: string }
  | { status: number; message?: string; headers?: Record<string, string> }
  | { rawBody: string; status?: number; contentType?: string }
  /** Streams these text pieces, then drops the connection mid-answer. */
  | { streamThenDrop: string[] }
  | { delayMs: number; reply: FakeReply };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: any;
}

export type FakeHandler = (req: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiServer {
  /** Base URL to hand to the SDK (`…/v1`). */
  url: string;
  requests: RecordedRequest[];
  /** Queue replies, answered in order. */
  enqueue(...replies: FakeReply[]): void;
  /** Answer with a function once the queue is empty. */
  setHandler(handler: FakeHandler | undefined): void;
  /** Forget queued replies, the handler and recorded requests (between tests). */
  reset(): void;
  /** Requests the client gave up on (e.g. cancelled while a slow reply was pending). */
  abortedRequests(): number;
  close(): Promise<void>;
}

/**
 * Start the fake server on an ephemeral port.
 * @example const fake = await startFakeOpenAiServer(); fake.enqueue({ text: 'hi' });
 *          const ai = createAiProvider(resolveAiConfig({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.url } }));
 */
export async function startFakeOpenAiServer(opts: { handler?: FakeHandler } = {}): Promise<FakeOpenAiServer> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let handler = opts.handler;
  let aborted = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendError(res, 400, 'request body is not JSON');
    }
    const recorded: RecordedRequest = { path: req.url ?? '', authorization: req.headers.authorization, body };
    const index = requests.push(recorded) - 1;
    if (!req.url?.endsWith('/chat/completions') || req.method !== 'POST')
      return sendError(res, 404, 'not found');
    if (!recorded.authorization?.startsWith('Bearer ')) return sendError(res, 401, 'missing API key');
    let reply = queue.shift() ?? (handler ? await handler(recorded, index) : undefined);
    if (!reply) return sendError(res, 500, 'the fake server has no scripted reply');
    while ('delayMs' in reply) {
      const gone = await waitOrClose(req, res, reply.delayMs);
      if (gone) {
        aborted += 1;
        return;
      }
      reply = reply.reply;
    }
    await answer(res, body, reply);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    setHandler: (h) => {
      handler = h;
    },
    abortedRequests: () => aborted,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      handler = opts.handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Resolves true when the client closed the connection before the delay elapsed. */
function waitOrClose(req: IncomingMessage, res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(true);
    };
    res.on('close', onClose);
    void req;
  });
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(
    JSON.stringify({
      error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null },
    }),
  );
}

async function answer(res: ServerResponse, body: any, reply: Exclude<FakeReply, { delayMs: number }>) {
  if ('status' in reply && !('rawBody' in reply)) {
    return sendError(res, reply.status, reply.message ?? `scripted ${reply.status}`, reply.headers);
  }
  if ('streamThenDrop' in reply) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of reply.streamThenDrop) {
      const chunk = {
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created: 0,
        model: 'fake',
        choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    // Let the pieces reach the client before the connection dies.
    await new Promise((r) => setTimeout(r, 20));
    res.socket?.destroy();
    return;
  }
  if ('rawBody' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
    return res.end(reply.rawBody);
  }
  const model = typeof body.model === 'string' ? body.model : 'fake-model';
  const content =
    'text' in reply && reply.text !== undefined
      ? reply.text
      : 'json' in reply
        ? JSON.stringify(reply.json)
        : null;
  const toolCalls =
    'toolCalls' in reply
      ? reply.toolCalls.map((c, i) => ({
          id: c.id ?? `call_${i + 1}`,
          type: 'function' as const,
          function: {
            name: c.name,
            arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
          },
        }))
      : undefined;
  const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
  const completionTokens = Math.ceil(((content ?? '').length + JSON.stringify(toolCalls ?? []).length) / 4);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const finish = toolCalls ? 'tool_calls' : 'stop';
  const base = { id: 'chatcmpl-fake', created: Math.floor(Date.now() / 1000), model };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, tool_calls: toolCalls, refusal: null },
            finish_reason: finish,
            logprobs: null,
          },
        ],
        usage,
      }),
    );
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
    );
  send({ role: 'assistant', content: '' });
  for (const piece of split(content ?? '', 7)) send({ content: piece });
  toolCalls?.forEach((call, index) => {
    send({
      tool_calls: [
        { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
      ],
    });
    for (const piece of split(call.function.arguments, 9))
      send({ tool_calls: [{ index, function: { arguments: piece } }] });
  });
  send({}, finish);
  if (body.stream_options?.include_usage) {
    res.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
    );
  }
  res.end('data: [DONE]\n\n');
}

function split(s: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}
