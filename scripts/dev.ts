// `npm run dev`: the service restarting on file changes (node --watch) and the staff app's Vite
// dev server with hot reload, which sends /api and /uploads to the service. Open the app at
// http://localhost:5173/app/ (the service keeps serving its last build at :3000/app).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const service = spawn(process.execPath, ['--watch', 'src/main.ts'], { cwd: root, stdio: 'inherit' });

const vite = await createServer({ configFile: `${root}app/vite.config.ts` });
await vite.listen();
vite.printUrls();

const stop = async () => {
  service.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
service.on('exit', (code) => {
  if (code !== 0 && code !== null) console.error(`the service exited with ${code}; Vite keeps running`);
});
