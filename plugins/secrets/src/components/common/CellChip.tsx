import type { CellState } from '@ameideio/plugin-secrets-common';
import { cellLabel } from './format';
import { StatusChip, type ChipTone } from './StatusChip';

const TONE: Record<CellState, ChipTone> = {
  ready: 'ok',
  error: 'error',
  'missing-in-cluster': 'warning',
  disabled: 'neutral',
  'not-installed': 'neutral',
  unknown: 'info',
};

/** One environment-matrix cell: the state in words, with the reason for errors. */
export const CellChip = (props: {
  state: CellState;
  reason?: string;
  message?: string;
}) => {
  const base = cellLabel(props.state);
  const label =
    props.state === 'error' && props.reason ? `${base}: ${props.reason}` : base;
  return (
    <StatusChip
      tone={TONE[props.state] ?? 'info'}
      label={label}
      title={props.message ? `${label} (${props.message})` : label}
    />
  );
};
