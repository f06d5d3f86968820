import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Built into dist/web, which the API serves at /. No inline scripts (CSP-friendly). */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: { proxy: { '^/(auth|accounts|tickets|queue|users|people|api-keys|streams|balances|sla|calendars|admin|feed|health)': 'http://localhost:3000' } },
});
