import { SourceError } from '../sources/types';
import { untilAborted } from './untilAborted';

describe('untilAborted', () => {
  it('passes the read through without a signal', async () => {
    await expect(
      untilAborted(Promise.resolve(3), undefined, 'x'),
    ).resolves.toBe(3);
  });

  it('rejects as a timeout when the signal aborts first, even if the read never settles', async () => {
    const controller = new AbortController();
    const pending = untilAborted(
      new Promise<number>(() => undefined),
      controller.signal,
      'vault:production',
    );
    controller.abort();
    const error = await pending.catch(e => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({
      errorClass: 'timeout',
      message: 'vault:production read aborted: the refresh timed out',
    });
  });

  it('rejects at once on a signal already aborted, and swallows the late rejection of the read', async () => {
    const controller = new AbortController();
    controller.abort();
    const late = Promise.reject(new Error('late'));
    await expect(untilAborted(late, controller.signal, 'c')).rejects.toThrow(
      'c read aborted',
    );
  });

  it('keeps the read result and error when the read settles first', async () => {
    const controller = new AbortController();
    await expect(
      untilAborted(Promise.resolve('ok'), controller.signal, 'c'),
    ).resolves.toBe('ok');
    await expect(
      untilAborted(Promise.reject(new Error('boom')), controller.signal, 'c'),
    ).rejects.toThrow('boom');
  });
});
