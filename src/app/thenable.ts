/**
 * Promises that say, synchronously, whether they have settled (the `status` field React's `use`
 * reads): `use` returns a fulfilled one's value without suspending. Pages load their code before
 * they render (and before they hydrate), so they render at once, calling `use` on every render.
 */
type Tracked<T> = Promise<T> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown };

export function tracked<T>(promise: Promise<T>): Promise<T> {
  const thenable = promise as Tracked<T>;
  thenable.status = 'pending';
  thenable.then(
    (value) => {
      thenable.status = 'fulfilled';
      thenable.value = value;
    },
    (reason: unknown) => {
      thenable.status = 'rejected';
      thenable.reason = reason;
    },
  );
  return thenable;
}

export function settled(promise: Promise<unknown>): 'pending' | 'fulfilled' | 'rejected' {
  return (promise as Tracked<unknown>).status ?? 'pending';
}
