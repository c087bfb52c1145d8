#!/usr/bin/env node
/* eslint-disable no-console */
// `npm start`: the portal against the embedded default. Starts the local sandbox of Azure and
// AKS first (when it is part of this checkout), loads the endpoints, CA and credentials it
// writes to .sandbox/, then the Backstage app and backend with that environment.
//
// The children are the tools themselves, not `npm run` wrappers: npm does not pass a SIGTERM
// on to what it started, and a stopped `npm start` must not leave the portal running.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = name => path.join(root, 'node_modules', '.bin', name);
const sandboxDir = path.join(root, '.sandbox');
const sandboxEntry = path.join(root, 'packages', 'sandbox', 'src', 'main.ts');
const readyFile = path.join(sandboxDir, 'ready.json');
const children = [];
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  const deadline = setTimeout(() => {
    for (const child of children) {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    process.exit(code);
  }, 10_000);
  deadline.unref();
  Promise.all(
    children.map(
      child =>
        new Promise(resolve =>
          child.exitCode === null ? child.once('exit', resolve) : resolve(),
        ),
    ),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

function start(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  children.push(child);
  return child;
}

function readEnvFile(file) {
  const env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}

async function startSandbox() {
  if (!fs.existsSync(sandboxEntry) || process.env.AWI_SANDBOX === 'off') {
    return {};
  }
  fs.rmSync(readyFile, { force: true });
  const sandbox = start(bin('tsx'), [sandboxEntry], process.env);
  sandbox.on('exit', code => {
    if (stopping) return;
    console.error(`The sandbox stopped (exit ${code}); stopping the portal.`);
    stopAll(code || 1);
  });
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(readyFile)) {
    if (stopping) return {};
    if (Date.now() > deadline) {
      console.error('The sandbox did not become ready within 60 s.');
      stopAll(1);
      return {};
    }
    await new Promise(r => setTimeout(r, 200));
  }
  const ready = JSON.parse(fs.readFileSync(readyFile, 'utf8'));
  return ready.envFile ? readEnvFile(ready.envFile) : {};
}

// The demo's pending request is a record of the portal, not state the sandbox holds: it is
// filed through the portal's own API once the portal answers (scripts/seed-demo-requests.ts).
// Only against the embedded sandbox, never against real Azure; a failure is logged and the
// portal keeps running.
function seedDemoRequests() {
  const seeder = start(
    bin('tsx'),
    [path.join(root, 'scripts', 'seed-demo-requests.ts')],
    process.env,
  );
  seeder.on('error', error =>
    console.error(
      `Filing the demo's pending request could not start (${error.message}); the portal runs without it.`,
    ),
  );
  seeder.on('exit', code => {
    if (code && !stopping) {
      console.error(
        `Filing the demo's pending request failed (exit ${code}); the portal runs without it.`,
      );
    }
  });
}

async function main() {
  const sandboxEnv = await startSandbox();
  if (stopping) return;
  // The sandbox describes its clusters in the Kubernetes plugin's configuration shape.
  const kubernetesConfig = path.join(sandboxDir, 'app-config.kubernetes.yaml');
  const configArgs =
    fs.existsSync(kubernetesConfig) && Object.keys(sandboxEnv).length
      ? ['--config', path.join(root, 'app-config.yaml'), '--config', kubernetesConfig]
      : [];
  const portal = start(bin('backstage-cli'), ['repo', 'start', ...configArgs], {
    ...process.env,
    ...sandboxEnv,
  });
  portal.on('exit', code => stopAll(code ?? 0));
  if (Object.keys(sandboxEnv).length) seedDemoRequests();
}

main();
