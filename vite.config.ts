import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { icuMessages } from './scripts/build/icu-messages.ts';
import { zodWithoutJsonSchema } from './scripts/build/zod-without-json-schema.ts';

// The UI is built into kiosk-ui/dist and served by the daemon; `npm run dev`
// (scripts/dev.ts) runs the same config in middleware mode with hot reload.
export default defineConfig({
  root: 'kiosk-ui',
  plugins: [preact(), icuMessages(), zodWithoutJsonSchema()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // The page runs in the terminal's Chromium, which has <link rel="modulepreload">: no polyfill in the first script.
    modulePreload: { polyfill: false },
    // Everything the first paint needs in one chunk (gzip compresses it as one): shared modules of the
    // lazy chunks are not split off into several small preloaded chunks of their own.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'page', tags: ['$initial'] }] } } },
  },
});
