import type { Severity } from '@ameideio/plugin-secrets-common';
import { StatusChip, type ChipTone } from './StatusChip';

const TONE: Record<Severity, ChipTone> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
};

const LABEL: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/** Severity of a finding as a chip with text. */
export const SeverityChip = ({ severity }: { severity: Severity }) => (
  <StatusChip
    tone={TONE[severity] ?? 'neutral'}
    label={LABEL[severity] ?? severity}
  />
);
