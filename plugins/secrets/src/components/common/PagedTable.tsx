import { Table, type TableColumn } from '@backstage/core-components';
import {
  IconButton,
  makeStyles,
  Paper,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import { MTableBodyRow } from '@material-table/core';
import {
  createContext,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    // the Backstage table draws its own surface; keep it flat inside our cards
    '& > div > .MuiPaper-root': { boxShadow: 'none' },
  },
  title: {
    padding: theme.spacing(1.5, 2, 0),
  },
  toggleCell: {
    width: 48,
  },
  hidden: {
    position: 'absolute',
    left: -10000,
  },
}));

/** One column: its title, its cell, and the value it sorts by. */
export interface PagedTableColumn<T> {
  title: string;
  render: (row: T) => ReactNode;
  /** The value the column sorts by; without it the column does not sort. */
  sortValue?: (row: T) => string | number | null | undefined;
  /** Keep the cell on one line. */
  noWrap?: boolean;
}

/** An expandable row below each row, opened by its own labelled toggle button. */
export interface PagedTableDetail<T> {
  render: (row: T) => ReactNode;
  /** Name of the row in the toggle's label: "Show details of <name>". */
  name: (row: T) => string;
}

export interface PagedTableProps<T extends object> {
  /** The table's accessible name, and its heading unless `showTitle` is false. */
  title: string;
  showTitle?: boolean;
  columns: PagedTableColumn<T>[];
  rows: T[];
  /** Stable key of a row (also its detail row's DOM id). */
  rowKey: (row: T) => string;
  /** `data-testid` of a row's `<tr>`. */
  rowTestId?: (row: T) => string;
  /** Rows per page; the pager shows only when there are more rows. Default 10. */
  pageSize?: number;
  /** Turn paging off (small, bounded tables). */
  paging?: boolean;
  detail?: PagedTableDetail<T>;
}

function compare(
  a: string | number | null | undefined,
  b: string | number | null | undefined,
): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en-US', { numeric: true });
}

const domId = (prefix: string, key: string) =>
  `${prefix}-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/**
 * What the row and the toggle read. Passed by context, not by closure, so
 * that the row component and the columns keep their identity when a row
 * opens: material-table would otherwise remount every row (losing focus).
 */
interface RowContext {
  rowKey: (row: any) => string;
  rowTestId?: (row: any) => string;
  detail?: PagedTableDetail<any>;
  open: ReadonlySet<string>;
  toggle: (key: string) => void;
  prefix: string;
  colSpan: number;
}

const PagedTableContext = createContext<RowContext | undefined>(undefined);

const DetailToggle = ({ row }: { row: object }) => {
  const ctx = useContext(PagedTableContext)!;
  const key = ctx.rowKey(row);
  const isOpen = ctx.open.has(key);
  const name = ctx.detail?.name(row) ?? key;
  return (
    <IconButton
      size="small"
      aria-label={`${isOpen ? 'Hide' : 'Show'} details of ${name}`}
      aria-expanded={isOpen}
      aria-controls={isOpen ? domId(ctx.prefix, key) : undefined}
      onClick={() => ctx.toggle(key)}
    >
      {isOpen ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
    </IconButton>
  );
};

/** A body row, followed by its detail row when open. */
const Row = (rowProps: { data: object }) => {
  const ctx = useContext(PagedTableContext)!;
  const key = ctx.rowKey(rowProps.data);
  return (
    <>
      <MTableBodyRow
        {...rowProps}
        data-testid={ctx.rowTestId ? ctx.rowTestId(rowProps.data) : undefined}
      />
      {ctx.detail && ctx.open.has(key) && (
        <TableRow id={domId(ctx.prefix, key)}>
          <TableCell colSpan={ctx.colSpan}>
            {ctx.detail.render(rowProps.data)}
          </TableCell>
        </TableRow>
      )}
    </>
  );
};

const COMPONENTS = { Row };

/**
 * The suite's one table: Backstage's `Table` with client-side paging (only
 * the visible page is rendered, whatever the list size), sorting by column,
 * an optional expandable detail row, and an accessible name.
 */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const classes = useStyles();
  const { rows, rowKey, detail, rowTestId } = props;
  const pageSize = props.pageSize ?? 10;
  const paging = props.paging !== false && rows.length > pageSize;
  const titleId = useId();
  const detailPrefix = useId().replace(/:/g, '');
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (key: string) =>
      setOpen(prev => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );

  // material-table renders its <table> without a way to pass ARIA
  // attributes: name the data table (the one with a header) by the title
  useLayoutEffect(() => {
    const table = [...(root.current?.querySelectorAll('table') ?? [])].find(
      t => t.tHead,
    );
    table?.setAttribute('aria-labelledby', titleId);
  });

  const hasDetail = Boolean(detail);
  const columns = useMemo(() => {
    const out: TableColumn<T>[] = props.columns.map((c, i) => ({
      title: c.title,
      field: `column${i}`,
      render: (row: T) => c.render(row),
      sorting: Boolean(c.sortValue),
      customSort: c.sortValue
        ? (a: T, b: T) => compare(c.sortValue!(a), c.sortValue!(b))
        : undefined,
      cellStyle: c.noWrap ? { whiteSpace: 'nowrap' } : undefined,
    }));
    if (hasDetail) {
      out.unshift({
        title: <span className={classes.hidden}>Details</span>,
        field: 'details',
        sorting: false,
        width: '48px',
        render: (row: T) => <DetailToggle row={row} />,
      });
    }
    return out;
  }, [props.columns, hasDetail, classes]);

  const ctx: RowContext = {
    rowKey,
    rowTestId,
    detail,
    open,
    toggle,
    prefix: detailPrefix,
    colSpan: columns.length,
  };

  return (
    <PagedTableContext.Provider value={ctx}>
      <div ref={root} className={classes.root}>
        <Typography
          variant="h6"
          component={props.showTitle === false ? 'span' : 'h2'}
          id={titleId}
          className={props.showTitle === false ? classes.hidden : classes.title}
        >
          {props.title}
        </Typography>
        <Table<T>
          columns={columns}
          data={rows}
          components={COMPONENTS}
          options={{
            toolbar: false,
            search: false,
            padding: 'dense',
            draggable: false,
            paging,
            pageSize,
            pageSizeOptions: [10, 25, 50, 100],
            emptyRowsWhenPaging: false,
            thirdSortClick: true,
          }}
        />
      </div>
    </PagedTableContext.Provider>
  );
}

/** A {@link PagedTable} on an outlined card, as the tab's tables stand. */
export const OutlinedPagedTable = <T extends object>(
  props: PagedTableProps<T>,
) => (
  <Paper variant="outlined">
    <PagedTable {...props} />
  </Paper>
);
