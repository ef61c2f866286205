/**
 * Where the page keeps its memory snapshot: Cache Storage, one entry per pyodide
 * version and harness hash. The page only checks that the entry is there; the
 * worker reads the 31 MB itself, so the page's main thread never holds them.
 */
export const SNAPSHOT_CACHE = 'exitlab-snapshots';

/** Worker side: the snapshot's bytes (the page checked the entry exists). */
export async function readCachedSnapshot(url: string): Promise<Uint8Array> {
  const cache = await caches.open(SNAPSHOT_CACHE);
  const hit = await cache.match(url);
  if (!hit) throw new Error('the stored Python snapshot has gone from Cache Storage');
  return new Uint8Array(await hit.arrayBuffer());
}
