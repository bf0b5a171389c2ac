/*
 * What the engine could not read or evaluate: broken YAML and templates
 * (errors), constructs the engine does not support and parts of a source it
 * skips (info), values only known at install time (info).
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { envPhrase } from '../environments';

export const problemFindings: Detector = ctx => {
  const out: Finding[] = [];
  const at = (file: string, line?: number) =>
    `${file}${line ? `:${line}` : ''}`;
  for (const p of ctx.problems) {
    if (p.kind === 'unknown' || p.kind === 'source') continue;
    const unsupported = p.code === 'unsupported';
    const yamlKind = p.kind === 'yaml';
    out.push(
      ctx.finding(
        yamlKind ? 'invalid-yaml' : 'unevaluable-template',
        unsupported ? 'info' : 'error',
        unsupported
          ? `Template not evaluated by the engine${envPhrase(
              p.environment,
              ' for %s',
            )}: ${p.message}.`
          : `${
              yamlKind ? 'YAML' : 'Template'
            } could not be evaluated${envPhrase(p.environment, ' for %s')}: ${
              p.message
            }.`,
        { kind: 'File', name: p.file },
        unsupported
          ? {
              title: 'Nothing to fix in the chart',
              actions: [
                `${at(
                  p.file,
                  p.line,
                )} was not rendered; findings that depend on it may be missing.`,
              ],
            }
          : {
              title: yamlKind ? 'Fix the YAML' : 'Fix or simplify the template',
              actions: [
                `Open ${at(
                  p.file,
                  p.line,
                )}; the rest of the repository was still analysed.`,
              ],
            },
        // each repeated key of a file is its own finding
        {
          release: p.release,
          chart: p.chart,
          environment: p.environment,
          sourceRef: { file: p.file, line: p.line },
          detail: p.code === 'duplicate-key' ? String(p.line) : undefined,
        },
      ),
    );
  }
  for (const p of ctx.problems) {
    if (p.kind !== 'source') continue;
    out.push(
      ctx.finding(
        'unevaluable-source',
        'info',
        `Not evaluated: ${p.message}.`,
        { kind: 'File', name: p.file },
        {
          title: 'Nothing to fix',
          actions: [
            'The engine skips this part of the source; results depending on it may be incomplete.',
          ],
        },
        {
          environment: p.environment,
          sourceRef: { file: p.file, line: p.line },
          detail: p.message,
        },
      ),
    );
  }
  for (const p of ctx.problems) {
    if (p.kind !== 'unknown' || p.code !== 'install-time') continue;
    out.push(
      ctx.finding(
        'unevaluable-template',
        'info',
        `Template uses a value only known at install time: ${p.message}.`,
        { kind: 'File', name: p.file },
        {
          title: 'Nothing to fix',
          actions: [
            'The engine treats the value as unknown; results depending on it may be incomplete.',
          ],
        },
        {
          release: p.release,
          chart: p.chart,
          environment: p.environment,
          sourceRef: { file: p.file, line: p.line },
        },
      ),
    );
  }
  return out;
};
