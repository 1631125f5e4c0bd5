/** One button's long call: busy while it runs, its error as a Vietnamese line afterwards. */
import { useState } from 'react';
import { errorMessage } from '../api/client';

export function useTask(toMessage: (e: unknown) => string = errorMessage) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(toMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}
