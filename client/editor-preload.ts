import type { Plugin } from 'vite';

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
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const editor = chunks.find((c) => c.facadeModuleId?.endsWith(entry));
        if (!editor) return;
        const js = new Set<string>();
        const css = new Set<string>();
        const visit = (file: string) => {
          if (js.has(file)) return;
          const c = chunks.find((x) => x.fileName === file);
          if (!c || c.isEntry) return;
          js.add(file);
          for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
          for (const f of c.imports) visit(f);
        };
        visit(editor.fileName);
        const links = [
          ...[...js].map((f) => ['modulepreload', `/${f}`]),
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
