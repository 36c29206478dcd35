/**
 * Groups concurrent calls into one load: the first call waits for the next turn of the event
 * loop, calls that arrive while a load is running wait for it to finish and then go together.
 * Idle, a call costs one `setImmediate`; busy, many deliveries share one statement (and one
 * commit) instead of one each. Every caller's answer comes from a load started after its call,
 * so nothing it gets is older than the call.
 */
export function createBatcher<K, V>(
  load: (keys: K[]) => Promise<V[]>,
  options: { maxBatch?: number } = {},
): (key: K) => Promise<V> {
  const maxBatch = options.maxBatch ?? 500;
  let queue: Array<{ key: K; resolve: (v: V) => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  let running = false;

  function schedule() {
    if (scheduled || running || queue.length === 0) return;
    scheduled = true;
    setImmediate(run);
  }

  async function run() {
    scheduled = false;
    running = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    try {
      const values = await load(batch.map((b) => b.key));
      for (const [i, b] of batch.entries()) b.resolve(values[i]!);
    } catch (error) {
      for (const b of batch) b.reject(error);
    } finally {
      running = false;
      schedule();
    }
  }

  return (key) =>
    new Promise<V>((resolve, reject) => {
      queue.push({ key, resolve, reject });
      schedule();
    });
}
