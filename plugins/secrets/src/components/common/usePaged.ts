import { useEffect, useMemo, useState } from 'react';

/** Client-side paging: only the visible page is rendered, whatever the list size. */
export function usePaged<T>(items: T[], initialPageSize = 10) {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const lastPage = Math.max(0, Math.ceil(items.length / pageSize) - 1);
  useEffect(() => {
    if (page > lastPage) setPage(0);
  }, [page, lastPage]);
  const visible = useMemo(
    () => items.slice(page * pageSize, page * pageSize + pageSize),
    [items, page, pageSize],
  );
  return {
    visible,
    paginationProps: {
      count: items.length,
      page: Math.min(page, lastPage),
      rowsPerPage: pageSize,
      rowsPerPageOptions: [10, 25, 50, 100],
      onPageChange: (_e: unknown, p: number) => setPage(p),
      onRowsPerPageChange: (e: { target: { value: string } }) => {
        setPageSize(Number(e.target.value));
        setPage(0);
      },
    },
  };
}
