import type { Plugin } from 'vite';
import { chunkOf, importClosure } from './build-chunks.ts';

/**
 * Opening `/workflows/{id}` directly: an inline script in index.html starts downloading the editor's chunks (as
 * `modulepreload`, with their CSS) while the entry script still loads and evaluates, instead of only when the entry
 * has run and reaches its dynamic import. Other pages do not fetch them. The chunk names come from the build.
 */
export function editorPreload(entry = 'src/features/editor/EditorPage.tsx'): Plugin {
  return {
    name: 'tandem-editor-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return;
        const editor = chunkOf(bundle, entry);
        if (!editor) return;
        // The entry's own chunks are loading already.
        const chunks = importClosure(bundle, editor.fileName, (c) => c.isEntry);
        const css = new Set(chunks.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]));
        const links = [
          ...chunks.map((c) => ['modulepreload', `/${c.fileName}`]),
          ...[...css].map((f) => ['stylesheet', `/${f}`]),
        ];
        return [
          {
            tag: 'script',
            injectTo: 'head-prepend',
            children: `/^\\/workflows\\/[^/]+\\/?$/.test(location.pathname)&&${JSON.stringify(links)}.forEach(function(l){var e=document.createElement("link");e.rel=l[0];e.href=l[1];e.crossOrigin="";document.head.appendChild(e)})`,
          },
        ];
      },
    },
  };
}
