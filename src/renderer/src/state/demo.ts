/** Opens the demo province (a throw-away database on the server side) or goes back, then starts the app afresh. */
import { useMutation } from '@tanstack/react-query';
import { call, type ApiError } from '../api/client';
import type { AppInfo } from '../../../shared/contract';

export function useDemoSwitch() {
  return useMutation<AppInfo, ApiError, { open: boolean }>({
    mutationFn: (input) => call('app.demo', input),
    onSuccess: () => {
      try {
        window.sessionStorage.removeItem('bdg.periodId');
      } catch {
        // storage may be unavailable; the period list falls back to the latest open period anyway
      }
      window.location.reload();
    },
  });
}
