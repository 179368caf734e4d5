import type { Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** The chunk built from the module `entry` (a path ending, e.g. 'src/features/editor/EditorPage.tsx'). */
export function chunkOf(bundle: OutputBundle, entry: string): OutputChunk | undefined {
  for (const c of Object.values(bundle))
    if (c.type === 'chunk' && c.facadeModuleId?.endsWith(entry)) return c;
  return undefined;
}

/**
 * The chunk `fileName` and every chunk it imports statically, transitively, each once; a chunk for which `skip` is
 * true is left out together with what only it imports.
 */
export function importClosure(
  bundle: OutputBundle,
  fileName: string,
  skip: (c: OutputChunk) => boolean = () => false,
): OutputChunk[] {
  const out = new Map<string, OutputChunk>();
  const visit = (file: string) => {
    const c = bundle[file];
    if (c?.type !== 'chunk' || out.has(file) || skip(c)) return;
    out.set(file, c);
    for (const f of c.imports) visit(f);
  };
  visit(fileName);
  return [...out.values()];
}
