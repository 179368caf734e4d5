import type { NodeDescription, NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';

/**
 * A node type whose implementation module is imported on its first run. For nodes with heavy dependencies
 * (isolated-vm, cheerio, nodemailer, mysql2, ioredis, the AI SDK): the registry knows their descriptions at start,
 * and a process that never runs them never loads them. Once loaded, runs call the implementation directly.
 * @example lazyNode(htmlDescription, async () => (await import('../html.ts')).htmlNode)
 */
export function lazyNode(description: NodeDescription, load: () => Promise<NodeType>): NodeType {
  let impl: NodeType | undefined;
  let loading: Promise<NodeType> | undefined;
  return {
    description,
    execute(ctx: NodeRunContext): Promise<NodeOutput> | NodeOutput {
      if (impl) return impl.execute(ctx);
      loading ??= load().then(
        (t) => (impl = t),
        (err) => {
          loading = undefined;
          throw err;
        },
      );
      return loading.then((t) => t.execute(ctx));
    },
  };
}
