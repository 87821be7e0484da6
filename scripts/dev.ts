import { createServer, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { startDaemon } from '../device-daemon/app';
import { injectToken } from '../device-daemon/api/server';
import { ROOT_DIR } from '../device-daemon/version';

// `npm run dev`: the daemon (simulated devices by default) plus Vite with hot
// reload. Vite serves the page with this boot's token and proxies the API.
const VITE_PORT = Number(process.env.KIOSK_DEV_PORT ?? 5173);
const devOrigin = `http://127.0.0.1:${VITE_PORT}`;

const daemon = await startDaemon({
  configPath: resolve(process.env.KIOSK_CONFIG ?? `${ROOT_DIR}/kiosk.config.json`),
  serveUi: false,
  extraOrigins: [devOrigin, `http://localhost:${VITE_PORT}`],
});

const tokenPlugin: Plugin = {
  name: 'kiosk-token',
  transformIndexHtml: (html) => injectToken(html, daemon.token),
};

const target = `http://127.0.0.1:${daemon.port}`;
const vite = await createServer({
  configFile: resolve(ROOT_DIR, 'vite.config.ts'),
  plugins: [tokenPlugin],
  server: {
    host: '127.0.0.1',
    port: VITE_PORT,
    strictPort: true,
    proxy: {
      '/api': { target, ws: true, changeOrigin: true },
      '/health': { target, changeOrigin: true },
      '/sim': { target, changeOrigin: true },
    },
  },
});
await vite.listen();
process.stderr.write(`Kiosk dev: UI with hot reload at ${devOrigin}/ (daemon API on ${target})\n`);

const stop = async () => {
  await vite.close();
  await daemon.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
