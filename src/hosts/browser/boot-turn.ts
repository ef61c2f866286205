/**
 * Several embeds on one article boot Python one after another, not all at once: on a 2-core
 * machine three simultaneous boots each take three times as long, and the first snippet's
 * boot fills the browser's HTTP cache and the interpreter snapshot (Cache Storage) that the
 * next ones then boot from. The queue is a Web Lock: shared by the pages of one origin within
 * one top-level site (the embeds of one article), released when a boot has settled.
 * Run pressed in a snippet still waiting boots its interpreter at once (the pool's spawn does).
 */
export const BOOT_LOCK = 'exitlab:boot';

export function bootInTurn(boot: () => Promise<void>): void {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks || typeof locks.request !== 'function') {
    void boot();
    return;
  }
  void locks.request(BOOT_LOCK, () => boot()).catch(() => boot());
}
