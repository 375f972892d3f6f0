import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Sets one parameter of the page's query (a filter), dropped when blank; replaces the history entry,
 * so that Back leaves the page rather than stepping through each filter tried.
 */
export function useSetSearchParam(): (name: string, value: string) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (name, value) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value === '') next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
}
