/**
 * Parses pasted/imported workflow JSON and checks its rough shape before it goes to the api (which validates fully).
 * @example parseWorkflowJson('{"name":"a","nodes":[]}') // { ok: true, value: {...} }
 */
export function parseWorkflowJson(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `This is not valid JSON: ${(e as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: 'Expected a workflow object with "name", "nodes" and "connections".' };
  const o = value as Record<string, unknown>;
  if (o.nodes !== undefined && !Array.isArray(o.nodes))
    return { ok: false, error: '"nodes" must be an array.' };
  if (
    o.connections !== undefined &&
    (typeof o.connections !== 'object' || o.connections === null || Array.isArray(o.connections))
  )
    return { ok: false, error: '"connections" must be an object.' };
  if (typeof o.name !== 'string' || !o.name.trim()) o.name = 'Imported workflow';
  return { ok: true, value: o };
}
