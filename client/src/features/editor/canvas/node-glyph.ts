const GLYPHS: Record<string, string> = {
  manualTrigger: '▶',
  webhook: 'WH',
  scheduleTrigger: '⏱',
  cron: '⏱',
  httpRequest: 'HT',
  code: '{}',
  function: '{}',
  if: 'IF',
  switch: 'SW',
  merge: 'MG',
  set: 'SET',
  noOp: '—',
  wait: 'WT',
  respondToWebhook: '↩',
  splitInBatches: 'LP',
  executeWorkflow: 'SUB',
  errorTrigger: '!',
};

/**
 * Short label drawn in a node's icon square: a known glyph, else initials of the display name.
 * @example nodeGlyph('httpRequest', 'HTTP Request') // 'HT'
 */
export function nodeGlyph(type: string, displayName: string): string {
  const t = type.replace(/^n8n-nodes-base\./, '');
  if (GLYPHS[t]) return GLYPHS[t];
  const words = displayName.split(/[\s_-]+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : displayName.slice(0, 2)).toUpperCase() || '?';
}
