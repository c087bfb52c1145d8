#!/usr/bin/env node
/* eslint-disable no-console */
// `npm start`: the portal against the embedded default. Starts the local sandbox of Azure and
// AKS first (when it is part of this checkout), loads the endpoints, CA and credentials it
// writes to .sandbox/, then the Backstage app and backend with that environment.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sandboxDir = path.join(root, '.sandbox');
const sandboxEntry = path.join(root, 'packages', 'sandbox', 'src', 'main.ts');
const readyFile = path.join(sandboxDir, 'ready.json');
const children = [];

// Each child runs in its own process group so that stopping it also stops what npm started
// beneath it (tsx, backstage-cli, the backend and the dev server).
function stopAll(code) {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  process.exit(code);
}

function spawnGroup(args, env) {
  const child = spawn('npm', args, {
    cwd: root,
    stdio: 'inherit',
    env,
    detached: true,
  });
  children.push(child);
  return child;
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

function readEnvFile(file) {
  const env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}

async function startSandbox() {
  if (!fs.existsSync(sandboxEntry) || process.env.AWI_SANDBOX === 'off')
    return {};
  fs.rmSync(readyFile, { force: true });
  const child = spawnGroup(['run', 'sandbox'], process.env);
  child.on('exit', code => {
    console.error(`The sandbox stopped (exit ${code}); stopping the portal.`);
    stopAll(code ?? 1);
  });
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(readyFile)) {
    if (Date.now() > deadline) {
      console.error('The sandbox did not become ready within 60 s.');
      stopAll(1);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  const ready = JSON.parse(fs.readFileSync(readyFile, 'utf8'));
  return ready.envFile ? readEnvFile(ready.envFile) : {};
}

async function main() {
  const sandboxEnv = await startSandbox();
  const portal = spawnGroup(['run', 'start:portal'], {
    ...process.env,
    ...sandboxEnv,
  });
  portal.on('exit', code => stopAll(code ?? 0));
}

main();
