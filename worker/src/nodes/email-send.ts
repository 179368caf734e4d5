import { isIP } from 'node:net';
import type { Item, JsonObject, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NodeOperationError, NonRetriableError } from '@tandem/shared/engine';
import { emailSendDescription } from '@tandem/shared/nodes';
import nodemailer from 'nodemailer';
import { resolveNodeHost } from '../http/index.ts';

/** Fields of the `smtp` credential (n8n's shape). */
export interface SmtpCredential {
  user?: string;
  password?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  disableStartTls?: boolean;
  hostName?: string;
}

const ATTRIBUTION = 'This email was sent automatically with Tandem';

function attachmentsOf(item: Item, names: string, i: number) {
  const out: { filename?: string; content: Buffer; contentType: string }[] = [];
  for (const name of names
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const bin = item.binary?.[name];
    if (!bin)
      throw new NonRetriableError(`The item has no binary field "${name}" to attach`, { itemIndex: i });
    out.push({
      filename: bin.fileName ?? name,
      content: Buffer.from(bin.data, 'base64'),
      contentType: bin.mimeType,
    });
  }
  return out;
}

/**
 * Send Email v2.1 (SMTP through nodemailer): one message per input item with text and/or HTML, cc/bcc,
 * reply-to and binary attachments. Outputs nodemailer's result (accepted, rejected, messageId, response).
 */
export async function executeEmailSend(ctx: NodeRunContext): Promise<NodeOutput> {
  const items = ctx.inputs[0] ?? [];
  const cred = (await ctx.getCredentials('smtp')) as SmtpCredential;
  if (!cred.host) throw new NonRetriableError('The SMTP credential has no host');
  const allowUnauthorized = ctx.getNodeParameter('options.allowUnauthorizedCerts', 0, false) === true;
  const address = await resolveNodeHost(ctx.services, cred.host);
  const transport = nodemailer.createTransport({
    // the checked address, so that a rebinding DNS answer cannot redirect the connection; the name for TLS
    host: address,
    ...(isIP(cred.host) ? {} : { servername: cred.host }),
    port: Number(cred.port) || (cred.secure ? 465 : 587),
    secure: cred.secure === true,
    ignoreTLS: cred.disableStartTls === true,
    name: cred.hostName || undefined,
    auth: cred.user ? { user: cred.user, pass: cred.password ?? '' } : undefined,
    tls: { rejectUnauthorized: !allowUnauthorized },
    connectionTimeout: 30_000,
    socketTimeout: 60_000,
  });
  const out: Item[] = [];
  try {
    for (let i = 0; i < items.length; i++) {
      const p = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, i, fallback) as T;
      try {
        if (ctx.signal.aborted) throw new NodeOperationError('The execution was cancelled');
        const format = String(p('emailFormat', ctx.node.typeVersion >= 2 ? 'html' : 'text'));
        const attribution = p<unknown>('options.appendAttribution', false) === true;
        const to = String(p('toEmail', '')).trim();
        if (!to) throw new NonRetriableError('"To Email" is empty', { itemIndex: i });
        let text = format === 'text' || format === 'both' ? String(p('text', '')) : undefined;
        let html = format === 'html' || format === 'both' ? String(p('html', '')) : undefined;
        if (attribution) {
          if (text !== undefined) text += `\n\n---\n${ATTRIBUTION}`;
          if (html !== undefined) html += `<br><br>---<br><em>${ATTRIBUTION}</em>`;
        }
        const info = await transport.sendMail({
          from: String(p('fromEmail', '')),
          to,
          cc: String(p('options.ccEmail', '')) || undefined,
          bcc: String(p('options.bccEmail', '')) || undefined,
          replyTo: String(p('options.replyTo', '')) || undefined,
          subject: String(p('subject', '')),
          text,
          html,
          attachments: attachmentsOf(items[i], String(p('options.attachments', '')), i),
        });
        const json: JsonObject = {
          accepted: info.accepted as string[],
          rejected: info.rejected as string[],
          envelope: info.envelope as unknown as JsonObject,
          messageId: info.messageId,
          response: info.response,
        };
        out.push({ json, pairedItem: { item: i } });
      } catch (err) {
        const error =
          err instanceof NonRetriableError || err instanceof NodeOperationError
            ? err
            : new NodeOperationError((err as Error).message, { itemIndex: i, cause: err });
        if (!ctx.continueOnFail) throw error;
        out.push({ json: { error: error.message }, pairedItem: { item: i } });
      }
    }
  } finally {
    transport.close();
  }
  return [out];
}

export const emailSendNode: NodeType = { description: emailSendDescription, execute: executeEmailSend };
