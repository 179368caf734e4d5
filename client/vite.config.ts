import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compileHints } from './compile-hints.ts';
import { compressAssets } from './compress-assets.ts';
import { editorPreload } from './editor-preload.ts';

const apiTarget = process.env.TANDEM_API ?? 'http://127.0.0.1:5678';

export default defineConfig({
  plugins: [react(), tailwindcss(), editorPreload(), compileHints(), compressAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/collab': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
      '/webhook': { target: apiTarget },
    },
  },
});
