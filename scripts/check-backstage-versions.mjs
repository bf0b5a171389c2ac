#!/usr/bin/env node
/*
 * Fails when the lockfile holds more than one version of any @backstage/*
 * or @backstage-community/* package, or a version other than the one pinned
 * for the release in backstage.json (root package.json `resolutions`;
 * community plugins are pinned there by hand to the versions built against
 * that release). Mixed versions break
 * start-up, so this runs first in the test command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const release = JSON.parse(
  readFileSync(join(root, 'backstage.json'), 'utf8'),
).version;
const pins =
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).resolutions ??
  {};
const lock = readFileSync(join(root, 'yarn.lock'), 'utf8');

const found = new Map();
for (const block of lock.split(/\n\n+/)) {
  const head = block.match(/^"((@backstage(?:-community)?\/[^@"]+)@[^"]*)":?/m);
  const version = block.match(/^\s+version: "?([^"\n]+)"?/m);
  if (head && version) {
    const set = found.get(head[2]) ?? new Set();
    set.add(version[1]);
    found.set(head[2], set);
  }
}

const problems = [];
for (const [name, versions] of found) {
  if (versions.size > 1)
    problems.push(`${name}: several versions ${[...versions].join(', ')}`);
  const pin = pins[name];
  if (!pin) problems.push(`${name}: not pinned in package.json resolutions`);
  else if (!versions.has(pin))
    problems.push(
      `${name}: lockfile has ${[...versions]} but release pin is ${pin}`,
    );
}
if (problems.length) {
  console.error(
    `Backstage packages are not all from release ${release}:\n  ${problems.join(
      '\n  ',
    )}`,
  );
  console.error(
    'Fix: node scripts/pin-backstage-release.mjs && ./scripts/yarn.sh install',
  );
  process.exit(1);
}
const community = [...found.keys()].filter(n =>
  n.startsWith('@backstage-community/'),
).length;
console.log(
  `${
    found.size - community
  } @backstage and ${community} @backstage-community packages, all pinned to release ${release}`,
);
