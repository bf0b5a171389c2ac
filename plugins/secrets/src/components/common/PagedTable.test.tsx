import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PagedTable, type PagedTableColumn } from './PagedTable';

interface Row {
  name: string;
  count: number;
}

const rows: Row[] = Array.from({ length: 23 }, (_, i) => ({
  name: `item-${String(i).padStart(2, '0')}`,
  count: (i * 7) % 23,
}));

const columns: PagedTableColumn<Row>[] = [
  { title: 'Name', render: r => r.name, sortValue: r => r.name },
  { title: 'Count', render: r => r.count, sortValue: r => r.count },
  { title: 'Note', render: r => `note of ${r.name}` },
];

const key = (r: Row) => r.name;

/** The text of the first cell of every body row, in order. */
const firstCells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getAllByRole('cell')[0].textContent);

describe('PagedTable', () => {
  it('names the table by its title and shows one page at a time', async () => {
    await renderInTestApp(
      <PagedTable title="Things" columns={columns} rows={rows} rowKey={key} />,
    );
    expect(screen.getByRole('heading', { name: 'Things' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Things' });
    expect(firstCells(table)).toHaveLength(10);
    expect(within(table).getByText('item-00')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(within(table).getByText('item-10')).toBeInTheDocument();
    expect(within(table).queryByText('item-00')).not.toBeInTheDocument();
  });

  it('sorts by a column with a sort value, numbers as numbers', async () => {
    await renderInTestApp(
      <PagedTable
        title="Things"
        columns={columns}
        rows={rows.slice(0, 5)}
        rowKey={key}
      />,
    );
    const table = screen.getByRole('table', { name: 'Things' });
    // counts of the first five rows: 0, 7, 14, 21, 5
    await userEvent.click(within(table).getByRole('button', { name: 'Count' }));
    expect(firstCells(table)).toStrictEqual([
      'item-00',
      'item-04',
      'item-01',
      'item-02',
      'item-03',
    ]);
    await userEvent.click(within(table).getByRole('button', { name: 'Count' }));
    expect(firstCells(table)[0]).toBe('item-03');
    // a column without a sort value has no sort control
    expect(
      within(table).queryByRole('button', { name: 'Note' }),
    ).not.toBeInTheDocument();
  });

  it('shows no pager when every row fits, and can hide its title', async () => {
    await renderInTestApp(
      <PagedTable
        title="Few things"
        showTitle={false}
        columns={columns}
        rows={rows.slice(0, 3)}
        rowKey={key}
        rowTestId={r => `row-${r.name}`}
      />,
    );
    expect(screen.getByRole('table', { name: 'Few things' })).toBeVisible();
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /next page/i }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('row-item-02')).toHaveTextContent(
      'note of item-02',
    );
  });

  it('opens and closes a detail row with a labelled toggle, keeping focus', async () => {
    await renderInTestApp(
      <PagedTable
        title="Things"
        columns={columns}
        rows={rows.slice(0, 3)}
        rowKey={key}
        detail={{
          name: r => r.name,
          render: r => <p>details of {r.name}</p>,
        }}
      />,
    );
    const toggle = screen.getByRole('button', {
      name: 'Show details of item-01',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);

    const open = screen.getByRole('button', {
      name: 'Hide details of item-01',
    });
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const panel = document.getElementById(open.getAttribute('aria-controls')!);
    expect(panel).toHaveTextContent('details of item-01');
    expect(screen.queryByText('details of item-00')).not.toBeInTheDocument();
    expect(open).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    expect(screen.queryByText('details of item-01')).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Show details of item-01' }),
    ).toHaveAttribute('aria-expanded', 'false');
  });
});
