/*
 * One result per location: findings that differ only by their environment
 * (the same chart template rendered for dev and production) share a group
 * key, so reports for people and code scanning list them once with their
 * environments. The per-environment findings and their ids stay as they are.
 */
import { createHash } from 'node:crypto';
import type { Finding, ProposedFix } from '@ameideio/plugin-secrets-common';

const hash = (parts: Array<string | number | undefined>) =>
  createHash('sha256')
    .update(parts.map(p => String(p ?? '')).join('\u0000'))
    .digest('hex')
    .slice(0, 16);

const ENV_TOKEN = '\u0000env\u0000';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the environment name where it stands as a word of its own (`in
 * dev.`, `The dev fixture`), not inside names or paths (`dev-db`,
 * `env/dev/apps.yaml`).
 */
function replaceEnv(text: string, env: string | undefined, by: string): string {
  if (!env) return text;
  const re = new RegExp(
    `(?<![A-Za-z0-9_./-])${escape(env)}(?![A-Za-z0-9_/-])`,
    'g',
  );
  return text.replace(re, () => by);
}

/** A message with its environment name taken out, for grouping. @public */
export function environmentFreeMessage(message: string, env?: string): string {
  return replaceEnv(message, env, ENV_TOKEN);
}

/** The parts that make a finding the same problem, whatever its environment (and, with `line: false`, wherever it moved in its file). */
const parts = (f: Finding, line: boolean) => [
  f.type,
  f.release,
  f.subject.kind,
  f.subject.namespace,
  f.subject.name,
  f.subject.property,
  f.sourceRef?.file,
  line ? f.sourceRef?.line : '',
  environmentFreeMessage(f.message, f.environment),
];

/**
 * Group key of a finding: equal for findings of the same type, release,
 * subject, file:line and message apart from the environment name.
 * @public
 */
export function groupKeyOf(f: Finding): string {
  return hash(parts(f, true));
}

/**
 * A fingerprint for code scanning: the group key without the line, so an
 * alert survives lines added above it; never depends on the environment.
 * @public
 */
export function fingerprintOf(f: Finding): string {
  return hash(parts(f, false));
}

/** Findings that are one problem in several environments. @public */
export interface FindingGroup {
  /** The first finding of the group (in report order). */
  finding: Finding;
  /** Every finding of the group, in report order. */
  findings: Finding[];
  /** Environments of the group, in report order of the run's environments; empty for findings of every environment. */
  environments: string[];
  /** The message, naming every environment of the group where the finding named its own. */
  message: string;
  /** The proposed fix, likewise. */
  proposedFix: ProposedFix;
}

/**
 * Groups findings by {@link groupKeyOf}, keeping the report's order of
 * first appearance. `order` sorts
 * each group's environments (the run's environments).
 * @public
 */
export function groupFindings(
  findings: Finding[],
  order: string[] = [],
): FindingGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = groupKeyOf(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const rank = (e: string) => {
    const i = order.indexOf(e);
    return i < 0 ? order.length : i;
  };
  return [...groups.values()].map(list => {
    const first = list[0];
    const environments = [
      ...new Set(list.map(f => f.environment).filter((e): e is string => !!e)),
    ].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const named = environments.join('/');
    const widen = (s: string) =>
      environments.length > 1 ? replaceEnv(s, first.environment, named) : s;
    return {
      finding: first,
      findings: list,
      environments,
      message: widen(first.message),
      proposedFix: {
        ...first.proposedFix,
        title: widen(first.proposedFix.title),
        actions: first.proposedFix.actions.map(widen),
        ...(first.proposedFix.command
          ? { command: widen(first.proposedFix.command) }
          : {}),
      },
    };
  });
}
