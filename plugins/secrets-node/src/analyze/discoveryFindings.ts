/*
 * Declarations the engine cannot evaluate offline (a generator needing a
 * live service, another repository, a remote chart, a template Argo CD would
 * reject) become info findings naming exactly what was not analysed.
 */
import type {
  FindingSubject,
  FindingType,
  ProposedFix,
  Severity,
  SourceRef,
} from '@ameideio/plugin-secrets-common';
import type { ArgoNote } from './discovery/argocd';

type FindingArgs = [
  FindingType,
  Severity,
  string,
  FindingSubject,
  ProposedFix,
  { sourceRef?: SourceRef; detail?: string },
];

export function discoveryFindings(notes: ArgoNote[]): FindingArgs[] {
  return notes.map(n => [
    'unevaluable-declaration',
    'info',
    `${n.message}.`,
    { kind: 'File', name: n.file },
    {
      title: 'Nothing to fix',
      actions: [
        'The engine analyses what it can evaluate offline; releases depending on this declaration may be missing or incomplete.',
      ],
    },
    {
      sourceRef: { file: n.file, ...(n.line ? { line: n.line } : {}) },
      detail: n.message,
    },
  ]);
}
