import type { ApiClient } from './api-client.js';

/** Who the console server takes the operator for. */
export interface Me {
  user: string;
  roles: string[];
}

export const getMe = (api: ApiClient): Promise<Me> => api.get<Me>('/v1/me');
