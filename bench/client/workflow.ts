/** A chain of `n` nodes laid out in rows of 25 (a manual trigger, then No-ops), as workflow JSON. */
export function benchWorkflow(n: number) {
  const nodes = [];
  const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> =
    {};
  for (let i = 0; i < n; i++) {
    const name = i === 0 ? 'Start' : `Step ${i}`;
    nodes.push({
      id: `n${i}`,
      name,
      type: i === 0 ? 'manualTrigger' : 'noOp',
      typeVersion: 1,
      position: [(i % 25) * 280, Math.floor(i / 25) * 140] as [number, number],
      parameters: {},
    });
    if (i > 0) connections[nodes[i - 1].name] = { main: [[{ node: name, type: 'main', index: 0 }]] };
  }
  return { name: `perf ${n}`, nodes, connections, settings: {} };
}
