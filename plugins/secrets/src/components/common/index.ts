export * from './format';
export { StatusChip, type ChipTone } from './StatusChip';
export { SeverityChip } from './SeverityChip';
export { CellChip } from './CellChip';
export { usePaged } from './usePaged';
