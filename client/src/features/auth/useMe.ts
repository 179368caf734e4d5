import { useQuery } from '@tanstack/react-query';
import { authKeys } from '../../api/query-keys.ts';
import { fetchMe } from './auth-api.ts';

/** The signed-in user (null when signed out). */
export function useMe() {
  return useQuery({ queryKey: authKeys.me(), queryFn: fetchMe, staleTime: 60_000, retry: 1 });
}
