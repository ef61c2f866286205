/**
 * A localStorage for slice tests under Node: the Storage interface over a Map, which can be told
 * to refuse writes as a full or disabled browser storage does (setItem throws a QuotaExceededError).
 */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  /** While true, setItem throws as a browser's does when its quota is used up. */
  refuse = false;

  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
}

/** Puts a fresh MemoryStorage in `globalThis.localStorage` and returns it. */
export function installMemoryStorage(): MemoryStorage {
  const storage = new MemoryStorage();
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  return storage;
}
