import type { ClientInfo } from '#identity';
import type { HttpRequest } from '#platform';

export const clientInfoOf = (request: HttpRequest): ClientInfo => {
  const agent = request.headers['user-agent'];
  return {
    ...(request.ip !== undefined && { ip: request.ip }),
    ...(typeof agent === 'string' && agent !== '' && { userAgent: agent.slice(0, 300) }),
  };
};
