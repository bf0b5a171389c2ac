export * from './format';
export { StatusChip, type ChipTone } from './StatusChip';
export { SeverityChip } from './SeverityChip';
export { CellChip } from './CellChip';
export {
  OutlinedPagedTable,
  PagedTable,
  type PagedTableColumn,
  type PagedTableDetail,
  type PagedTableProps,
} from './PagedTable';
export { ExternalSecretsPagedTable } from './ExternalSecretsPagedTable';
export { usePaged } from './usePaged';
