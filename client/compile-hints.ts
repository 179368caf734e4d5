import type { Plugin, Rollup } from 'vite';
import { chunkOf, importClosure } from './build-chunks.ts';

/** V8's explicit compile hint (Chrome 136+): compile every function of the file eagerly, on a background thread. */
const HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * Marks the scripts that opening `/workflows/{id}` runs (the entry, and the editor chunk with the chunks it
 * imports) with V8's `allFunctionsCalledOnLoad` compile hint, which must be the file's first line. Without it V8
 * compiles a function on the main thread the first time it is called, which during the editor's load is most of
 * React, React Flow and Yjs; with it the functions are compiled while the script streams in, off the main thread.
 * Lazily loaded chunks (CodeMirror) are left alone: most of their functions are not called on load. Added when
 * the bundle is complete (minification and Vite's preload helper come before), so a file's hash does not cover
 * its hint line, only its code.
 */
export function compileHints(entry = 'src/features/editor/EditorPage.tsx'): Plugin {
  return {
    name: 'tandem-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const starts = Object.values(bundle).filter(
          (c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry,
        );
        const editor = chunkOf(bundle, entry);
        if (editor) starts.push(editor);
        const hinted = new Set(starts.flatMap((c) => importClosure(bundle, c.fileName)));
        for (const c of hinted) c.code = HINT + c.code;
      },
    },
  };
}
