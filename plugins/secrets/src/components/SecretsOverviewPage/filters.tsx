import type { OverviewResponse } from '@ameideio/plugin-secrets-common';
import { findingTypeLabel, SEVERITIES } from '@ameideio/plugin-secrets-common';
import {
  FormControl,
  InputLabel,
  makeStyles,
  MenuItem,
  OutlinedInput,
  Select,
} from '@material-ui/core';

/** The filter selects' values; `''` is "All". */
export type Filters = Record<
  'owner' | 'environment' | 'findingType' | 'severity',
  string
>;
export const NO_FILTERS: Filters = {
  owner: '',
  environment: '',
  findingType: '',
  severity: '',
};

/** The filter selects of the review, in the order they are shown. */
export const FILTER_FIELDS: ReadonlyArray<{
  id: keyof Filters;
  label: string;
  optionLabel?: (value: string) => string;
}> = [
  { id: 'owner', label: 'Owner group' },
  { id: 'environment', label: 'Environment' },
  { id: 'findingType', label: 'Finding type', optionLabel: findingTypeLabel },
  { id: 'severity', label: 'Severity' },
];

const useStyles = makeStyles({ filter: { minWidth: 180 } });

export const FilterSelect = (props: {
  id: keyof Filters;
  label: string;
  value: string;
  options: readonly string[];
  /** The text of an option; the value itself when absent. */
  optionLabel?: (value: string) => string;
  onChange: (value: string) => void;
}) => {
  const classes = useStyles();
  return (
    <FormControl size="small" variant="outlined" className={classes.filter}>
      <InputLabel id={`secrets-filter-${props.id}`} shrink>
        {props.label}
      </InputLabel>
      <Select
        displayEmpty
        labelId={`secrets-filter-${props.id}`}
        input={<OutlinedInput notched label={props.label} />}
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
        data-testid={`filter-${props.id}`}
      >
        <MenuItem value="">All</MenuItem>
        {props.options.map(o => (
          <MenuItem key={o} value={o}>
            {props.optionLabel ? props.optionLabel(o) : o}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
};

const sortedUnique = (values: Array<string | undefined>) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

/**
 * The filter options: the backend's facets over every entity; a backend
 * without them leaves only the rows of this page to go by.
 */
export function filterOptions(base: OverviewResponse) {
  const items = base.entities?.items ?? [];
  const f = base.facets;
  return {
    owner: f ? f.owners : sortedUnique(items.map(e => e.owner)),
    environment: f
      ? f.environments
      : sortedUnique(items.flatMap(e => e.environments ?? [])),
    findingType: f
      ? f.findingTypes
      : sortedUnique([
          ...Object.keys(base.countsByFindingType ?? {}),
          ...items.flatMap(e => e.findingTypes ?? []),
        ]),
    severity: SEVERITIES,
  };
}
