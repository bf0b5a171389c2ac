#!/usr/bin/env node
/*
 * Pins every @backstage/* package (direct and transitive) to the versions of
 * one Backstage release. The npm registry has no release manifest, so the
 * release is identified by its publication cut-off: for each package we take
 * the highest stable version published before the cut-off. Direct
 * dependencies get exact versions; transitive ones are fixed through the root
 * `resolutions`. Run it after changing `backstage.json`, then `yarn install`.
 *
 *   node scripts/pin-backstage-release.mjs            # uses backstage.json
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const release = JSON.parse(readFileSync(join(root, 'backstage.json'), 'utf8'));
if (!release.cutoff) {
  throw new Error('backstage.json needs a "cutoff" (ISO date of the release)');
}
const cutoff = Date.parse(release.cutoff);

const manifests = ['package.json'];
for (const dir of ['packages', 'plugins']) {
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name, 'package.json');
    if (existsSync(join(root, p))) manifests.push(p);
  }
}

const names = new Set();
for (const m of manifests) {
  const pkg = JSON.parse(readFileSync(join(root, m), 'utf8'));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const n of Object.keys(pkg[field] ?? {})) {
      if (n.startsWith('@backstage/')) names.add(n);
    }
  }
}
const lockPath = join(root, 'yarn.lock');
if (existsSync(lockPath)) {
  for (const match of readFileSync(lockPath, 'utf8').matchAll(
    /^"(@backstage\/[^@"]+)@/gm,
  )) {
    names.add(match[1]);
  }
}

const stable = v => /^\d+\.\d+\.\d+$/.test(v);
const cmp = (a, b) => {
  const [x, y] = [a, b].map(v => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

async function pick(name) {
  const { stdout } = await run('npm', ['view', name, 'time', '--json'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const times = JSON.parse(stdout);
  const candidates = Object.entries(times)
    .filter(([v, t]) => stable(v) && Date.parse(t) <= cutoff)
    .map(([v]) => v)
    .sort(cmp);
  if (!candidates.length)
    throw new Error(`${name}: nothing published before ${release.cutoff}`);
  return candidates[candidates.length - 1];
}

const pinned = {};
const queue = [...names].sort();
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (queue.length) {
      const n = queue.shift();
      pinned[n] = await pick(n);
    }
  }),
);

for (const m of manifests) {
  const file = join(root, m);
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    for (const n of Object.keys(pkg[field] ?? {})) {
      if (pinned[n]) pkg[field][n] = pinned[n];
    }
  }
  for (const n of Object.keys(pkg.peerDependencies ?? {})) {
    if (pinned[n]) pkg.peerDependencies[n] = `^${pinned[n]}`;
  }
  if (m === 'package.json') {
    const others = Object.fromEntries(
      Object.entries(pkg.resolutions ?? {}).filter(
        ([n]) => !n.startsWith('@backstage/'),
      ),
    );
    const sorted = Object.fromEntries(
      Object.entries(pinned).sort(([a], [b]) => a.localeCompare(b)),
    );
    pkg.resolutions = { ...others, ...sorted };
  }
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
console.log(
  `pinned ${Object.keys(pinned).length} @backstage packages to release ${
    release.version
  }`,
);
