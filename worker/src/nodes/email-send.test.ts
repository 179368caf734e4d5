import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { NonRetriableError } from '@tandem/shared/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../http/index.ts';
import { jsonOf, makeNodeContext } from '../test-support/node-context.ts';
import { startSmtpServer, type TestSmtpServer } from '../test-support/smtp-test-server.ts';
import { executeEmailSend } from './email-send.ts';

/** This machine's own name, when it resolves to a private address: proves the check follows DNS. */
const privateNames = await lookup(hostname()).then(
  (a) => (isPrivateAddress(a.address) ? [hostname()] : []),
  () => [],
);

let smtp: TestSmtpServer;
const auth = { user: 'mailer', password: 's3cret' };
beforeAll(async () => {
  smtp = await startSmtpServer(auth);
});
afterAll(() => smtp.close());

function run(
  parameters: Record<string, unknown>,
  items: unknown[] = [{ json: {} }],
  cred: Record<string, unknown> = {},
  extra = {},
) {
  const { ctx } = makeNodeContext({
    parameters: parameters as never,
    items: items as never,
    credentials: {
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, ...auth, ...cred },
    },
    node: { typeVersion: 2.1 },
    // the test SMTP server is on loopback: relax the SSRF policy like an admin would
    services: { http: { ssrf: { allowPrivateNetworks: true } } },
    ...extra,
  });
  return executeEmailSend(ctx);
}

describe('Send Email node (real SMTP server)', () => {
  it('sends one message per item with expressions, cc/bcc and reply-to', async () => {
    const before = smtp.messages.length;
    const out = await run(
      {
        fromEmail: 'bot@example.com',
        toEmail: '={{ $json.to }}',
        subject: '=Hello {{ $json.name }}',
        emailFormat: 'both',
        text: '=Hi {{ $json.name }}',
        html: '=<b>Hi {{ $json.name }}</b>',
        options: { ccEmail: 'cc@example.com', bccEmail: 'bcc@example.com', replyTo: 'reply@example.com' },
      },
      [{ json: { to: 'ann@example.com', name: 'Ann' } }, { json: { to: 'bob@example.com', name: 'Bob' } }],
    );
    expect(jsonOf(out)).toEqual([
      expect.objectContaining({
        accepted: ['ann@example.com', 'cc@example.com', 'bcc@example.com'],
        rejected: [],
      }),
      expect.objectContaining({ accepted: ['bob@example.com', 'cc@example.com', 'bcc@example.com'] }),
    ]);
    const [first] = smtp.messages.slice(before);
    expect(first.from).toBe('bot@example.com');
    expect(first.raw).toContain('Subject: Hello Ann');
    expect(first.raw).toContain('Reply-To: reply@example.com');
    expect(first.raw).toContain('Hi Ann');
    expect(first.raw).toContain('<b>Hi Ann</b>');
    expect(first.raw).not.toContain('bcc@example.com');
  });

  it('attaches binary data', async () => {
    const before = smtp.messages.length;
    await run(
      {
        fromEmail: 'a@example.com',
        toEmail: 'b@example.com',
        subject: 'file',
        emailFormat: 'text',
        text: 'see attached',
        options: { attachments: 'report' },
      },
      [
        {
          json: {},
          binary: {
            report: {
              data: Buffer.from('col1,col2').toString('base64'),
              mimeType: 'text/csv',
              fileName: 'r.csv',
            },
          },
        },
      ],
    );
    const raw = smtp.messages[before].raw;
    expect(raw).toContain('filename=r.csv');
    expect(raw).toContain(Buffer.from('col1,col2').toString('base64'));
  });

  it('fails clearly on bad credentials, missing fields and attachments', async () => {
    await expect(
      run({ fromEmail: 'a@example.com', toEmail: 'b@example.com' }, [{ json: {} }], { password: 'wrong' }),
    ).rejects.toThrow(/Invalid username or password|Invalid login/);
    await expect(run({ fromEmail: 'a@example.com', toEmail: '' })).rejects.toThrow(/"To Email" is empty/);
    await expect(
      run({ fromEmail: 'a@example.com', toEmail: 'b@example.com', options: { attachments: 'nope' } }),
    ).rejects.toThrow(/no binary field "nope"/);
    const out = await run(
      { fromEmail: 'a@example.com', toEmail: '' },
      [{ json: {} }],
      {},
      { continueOnFail: true },
    );
    expect(jsonOf(out)).toEqual([{ error: '"To Email" is empty' }]);
  });

  it('cannot reach loopback or private SMTP servers under the default SSRF policy', async () => {
    const before = smtp.messages.length;
    for (const host of ['127.0.0.1', 'localhost', '169.254.169.254', ...privateNames]) {
      const err = await run(
        { fromEmail: 'a@example.com', toEmail: 'b@example.com' },
        [{ json: {} }],
        { host },
        {
          services: {},
        },
      ).catch((e: unknown) => e);
      expect(err, host).toBeInstanceOf(NonRetriableError);
      expect((err as Error).message).toMatch(/are blocked: it is a private, loopback or link-local address/);
    }
    expect(smtp.messages.length).toBe(before);
    await run(
      { fromEmail: 'a@example.com', toEmail: 'b@example.com' },
      [{ json: {} }],
      {},
      {
        services: { http: { ssrf: { allowedHosts: ['127.0.0.1'] } } },
      },
    );
    expect(smtp.messages.length).toBe(before + 1);
  });
});
