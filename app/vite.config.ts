import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { appMessages } from './vite/app-messages.ts';

// The staff app, served by the service under /app (src/modules/staff-app). `npm run dev:app`
// runs this config's dev server with hot reload and sends /api to the service on :3000.
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [
    react(),
    tailwindcss(),
    appMessages(new URL('../src/lib/i18n/messages', import.meta.url).pathname),
  ],
  // The service replaces this placeholder with a fresh nonce per page (CSP: no 'unsafe-inline');
  // Radix's scroll lock inserts a <style> element and reads the nonce from the meta tag.
  // Catalogues come precompiled (vite/app-messages.ts), so the ICU parser stays out of the bundle.
  resolve: {
    alias: [
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: fileURLToPath(
          new URL('../node_modules/@formatjs/icu-messageformat-parser/no-parser.js', import.meta.url),
        ),
      },
    ],
  },
  html: { cspNonce: 'CSP_NONCE_PLACEHOLDER' },
  build: {
    outDir: '../dist/app',
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    port: Number(process.env.APP_DEV_PORT ?? 5173),
    proxy: {
      '/api': `http://localhost:${process.env.PORT ?? 3000}`,
      '/uploads': `http://localhost:${process.env.PORT ?? 3000}`,
    },
  },
});
