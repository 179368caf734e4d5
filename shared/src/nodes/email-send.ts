import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, opts, paramsSchema, show, str } from './helpers.ts';

/** Send Email (SMTP). */
export const emailSendDescription: NodeDescription = {
  type: 'emailSend',
  displayName: 'Send Email',
  description: 'Sends an email through SMTP',
  group: 'output',
  versions: [1, 2, 2.1],
  icon: 'mail',
  inputs: 1,
  outputs: 1,
  credentials: [{ name: 'smtp', required: true }],
  properties: [
    str('fromEmail', '', { required: true, placeholder: 'admin@example.com' }),
    str('toEmail', '', { required: true, placeholder: 'info@example.com' }),
    str('subject', ''),
    opts('emailFormat', ['text', 'html', 'both'], 'html', show({ '@version': [2, 2.1] })),
    str('text', '', show({ emailFormat: ['text', 'both'] })),
    str('html', '', show({ emailFormat: ['html', 'both'] })),
    collection('options', [
      bool('appendAttribution', false),
      str('attachments', ''),
      str('ccEmail', ''),
      str('bccEmail', ''),
      bool('allowUnauthorizedCerts', false),
      str('replyTo', ''),
    ]),
  ],
  parameterSchema: paramsSchema({ fromEmail: z.string().optional(), toEmail: z.string().optional() }),
};
