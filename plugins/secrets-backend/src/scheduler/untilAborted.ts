import { SourceError } from '../sources/types';

/**
 * Settles with `read`, or rejects as a `timeout` {@link SourceError} as soon
 * as `signal` aborts, so a read that ignores the signal cannot hold the
 * refresh past the scheduler's timeout.
 */
export function untilAborted<T>(
  read: Promise<T>,
  signal: AbortSignal | undefined,
  id: string,
): Promise<T> {
  if (!signal) return read;
  const aborted = () =>
    new SourceError('timeout', `${id} read aborted: the refresh timed out`);
  if (signal.aborted) {
    read.catch(() => undefined);
    return Promise.reject(aborted());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    read.then(
      v => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      e => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
