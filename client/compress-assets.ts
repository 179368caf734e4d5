import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|svg|json|txt)$/;

/**
 * Writes a `.br` and a `.gz` copy next to every compressible file of `dist/assets` once the build is on disk, so
 * the api serves them by `Accept-Encoding` (api/src/static.ts) instead of sending ~3× the bytes or compressing at
 * every request. Runs after every other plugin changed the files (compile-hints.ts adds a line to some scripts).
 */
export function compressAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'tandem-compress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const dir = path.join(outDir, 'assets');
      const files = (await readdir(dir)).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (f) => {
          const body = await readFile(path.join(dir, f));
          const [br, gzipped] = await Promise.all([
            brotli(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gz(body, { level: 9 }),
          ]);
          await Promise.all([
            writeFile(path.join(dir, `${f}.br`), br),
            writeFile(path.join(dir, `${f}.gz`), gzipped),
          ]);
        }),
      );
    },
  };
}
