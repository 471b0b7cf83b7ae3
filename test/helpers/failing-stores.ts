import type { EntryStore, EntryStoreOptions } from '../../src/stores/entry-store.js';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';
import type { KeyValueStore, StoreFactory } from '../../src/stores/store.js';
import { StoreUnavailableError } from '../../src/stores/store-error.js';

type Operation = keyof KeyValueStore;
const OPERATIONS: readonly Operation[] = ['get', 'set', 'add', 'take', 'delete', 'increment', 'hit', 'adjust'];
const ENTRY_OPERATIONS: readonly (keyof EntryStore)[] = ['get', 'has', 'put', 'putIfAbsent', 'delete', 'keys', 'entries', 'size', 'clear'];

/**
 * Memory stores whose operations fail as Redis's do (StoreUnavailableError) while `down`: every
 * operation, or only those named in `failing` (a rate limiter's counting, say).
 *
 * @example
 * const stores = new FailingStores(['increment', 'hit']);
 * stores.down = true; // counting now fails, reads still answer
 */
export class FailingStores implements StoreFactory {
  readonly kind = 'memory';
  down = false;
  private readonly memory = new MemoryStoreFactory();
  private readonly failing: ReadonlySet<Operation>;

  constructor(failing: readonly Operation[] = OPERATIONS) {
    this.failing = new Set(failing);
  }

  open(scope: string): KeyValueStore {
    const store = this.memory.open(scope);
    const guarded = {} as Record<Operation, (...args: never[]) => Promise<unknown>>;
    for (const name of OPERATIONS) {
      const op = (store[name] as (...args: never[]) => Promise<unknown>).bind(store);
      guarded[name] = !this.failing.has(name)
        ? op
        : async (...args: never[]) => {
            if (this.down) throw new StoreUnavailableError('Redis at redis://127.0.0.1:1 is unavailable: ECONNREFUSED');
            return op(...args);
          };
    }
    return guarded as unknown as KeyValueStore;
  }

  /** Entry stores fail whole while `down`: an object store has no reads that could still answer. */
  openEntries(scope: string, options?: EntryStoreOptions): EntryStore {
    const store = this.memory.openEntries(scope, options);
    const guarded = {} as Record<keyof EntryStore, (...args: never[]) => Promise<unknown>>;
    for (const name of ENTRY_OPERATIONS) {
      const op = (store[name] as (...args: never[]) => Promise<unknown>).bind(store);
      guarded[name] = async (...args: never[]) => {
        if (this.down) throw new StoreUnavailableError('Redis at redis://127.0.0.1:1 is unavailable: ECONNREFUSED');
        return op(...args);
      };
    }
    return guarded as unknown as EntryStore;
  }

  close(): Promise<void> {
    return this.memory.close();
  }
}
