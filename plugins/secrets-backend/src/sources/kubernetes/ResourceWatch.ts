import type { KubeApi, KubeObject, WatchEvent } from './kubeApi';
import { WatchExpired } from './kubeApi';
import { abortableSleep as sleep } from '../abortableSleep';

function keyOf(o: KubeObject): string {
  const m = o.metadata ?? {};
  return m.uid ?? `${m.namespace ?? ''}/${m.name ?? ''}`;
}

/**
 * The objects of one resource type, kept current the way an informer does:
 * LIST once, then WATCH from the list's resource version with bookmarks,
 * applying ADDED/MODIFIED/DELETED; a 410 (the version was compacted away)
 * lists again. The state outlives one `run`, so the next run resumes from
 * the last version seen instead of listing again.
 */
export class ResourceWatch {
  private readonly items = new Map<string, KubeObject>();
  private resourceVersion?: string;
  /** When the state was last known current (a list, an event or a bookmark). */
  private currentAt = 0;
  /** LISTs and watch requests made. */
  calls = 0;

  constructor(
    private readonly api: KubeApi,
    readonly path: string,
    readonly what: string,
    private readonly options: { timeoutSeconds?: number } = {},
  ) {}

  /** The objects now; undefined before the first list. */
  values(): KubeObject[] | undefined {
    return this.resourceVersion === undefined
      ? undefined
      : [...this.items.values()];
  }

  /** Whether the state was confirmed current within `maxAgeMs`. */
  isCurrent(maxAgeMs: number, now = Date.now()): boolean {
    return (
      this.resourceVersion !== undefined && now - this.currentAt < maxAgeMs
    );
  }

  /** Marks the state as not current (the watch stopped). */
  stale(): void {
    this.currentAt = 0;
  }

  /**
   * Follows the resource until `signal` aborts. `onChange` runs after the
   * list and after every change; `onError` on every failure, after which it
   * waits (1 s, doubling to 30 s) and tries again.
   */
  async run(
    signal: AbortSignal,
    onChange: () => void,
    onError: (e: Error) => void,
  ): Promise<void> {
    let backoff = 1000;
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === undefined) {
          this.calls++;
          const listed = await this.api.list(this.path, this.what, signal);
          this.calls += listed.calls - 1;
          this.items.clear();
          for (const o of listed.items) this.items.set(keyOf(o), o);
          this.resourceVersion = listed.resourceVersion ?? '0';
          this.currentAt = Date.now();
          onChange();
        }
        this.calls++;
        const opened = Date.now();
        let events = 0;
        await this.api.watch(
          this.path,
          this.what,
          this.resourceVersion,
          event => {
            events++;
            if (this.apply(event)) onChange();
          },
          signal,
          this.options.timeoutSeconds,
        );
        if (!events && Date.now() - opened < 1000) {
          // ended at once without an event (a proxy that does not stream): do not spin
          await sleep(backoff, signal);
          backoff = Math.min(backoff * 2, 30_000);
        } else backoff = 1000;
      } catch (e) {
        if (signal.aborted) break;
        if (e instanceof WatchExpired) {
          this.resourceVersion = undefined;
          continue;
        }
        this.stale();
        onError(e as Error);
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
    this.stale();
  }

  /** Applies one event; true when the objects changed. */
  private apply(event: WatchEvent): boolean {
    const rv = event.object.metadata?.resourceVersion;
    if (typeof rv === 'string') this.resourceVersion = rv;
    this.currentAt = Date.now();
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.items.set(keyOf(event.object), event.object);
        return true;
      case 'DELETED':
        return this.items.delete(keyOf(event.object));
      default:
        // BOOKMARK: only the version moves
        return false;
    }
  }
}
