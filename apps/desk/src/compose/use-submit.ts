import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { HttpError } from '../../../../libs/web/src/http/http-errors';
import type { Violation } from '../../../../libs/web/src/http/http-errors';
import type { SentState } from '../common/sent-state';

/**
 * Sends a composed message; a 400 with violations hands them to the form, anything else stays the
 * mutation's error. On success the person sees the message, with its receipts, in its thread.
 */
export function useSubmit<Body>(options: {
  send: (body: Body) => Promise<{ id: string; status: 'accepted' | 'queued' }>;
  threadOf: (body: Body, id: string) => string;
  onViolations: (violations: Violation[]) => void;
}) {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (body: Body) => ({ body, answer: await options.send(body) }),
    onMutate: () => options.onViolations([]),
    onSuccess: ({ body, answer }) => {
      const thread = options.threadOf(body, answer.id);
      void navigate(`/messages/${encodeURIComponent(answer.id)}?thread=${encodeURIComponent(thread)}`, {
        state: { sent: answer.status } satisfies SentState,
      });
    },
    onError: (error) => {
      if (error instanceof HttpError && error.violations.length > 0) options.onViolations(error.violations);
    },
  });
}
