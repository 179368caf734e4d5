import type { IncomingMessage } from 'node:http';
import { type CollabServer, createCollabServer, verifyCollabToken } from '@tandem/collab-server';
import { parse as parseCookie } from 'hono/utils/cookie';
import { COAUTHOR_USER_ID } from './ai.ts';
import { workflowRoleOf } from './authz.ts';
import type { AppDeps } from './deps.ts';
import { SESSION_COOKIE } from './middleware/authenticate.ts';

export const COLLAB_TOKEN_PURPOSE = 'collab-token';

/**
 * The collab-server wired to Tandem's storage and auth. A websocket is let in with the session cookie (only from this
 * server's own origin: browsers send cookies on cross-site websocket handshakes too) or a short-lived signed `token`.
 */
export function createCollab(deps: AppDeps, redisUrl: string | undefined): CollabServer {
  const tokenKey = deps.keyring.derive(COLLAB_TOKEN_PURPOSE);
  return createCollabServer({
    store: deps.storage.documents,
    logger: deps.logger.child({ part: 'collab' }),
    redis: redisUrl ? { url: redisUrl, prefix: `${deps.config.redisPrefix}:collab:` } : undefined,
    async authorize(userId, workflowId) {
      // The AI co-author writes suggestions as an editor; only this server can mint its tokens.
      if (userId === COAUTHOR_USER_ID) {
        const wf = await deps.storage.workflows.byId(workflowId);
        return wf && !wf.archived ? 'editor' : null;
      }
      return workflowRoleOf(deps, userId, workflowId);
    },
    async authenticate(req: IncomingMessage) {
      const url = new URL(req.url ?? '/', 'http://x');
      const workflowId = url.pathname.split('/')[2] ?? '';
      const token = url.searchParams.get('token');
      if (token) {
        const claims = verifyCollabToken(token, tokenKey);
        if (!claims || claims.workflowId !== workflowId) return null;
        if (claims.userId === COAUTHOR_USER_ID) return { userId: COAUTHOR_USER_ID, name: 'AI co-author' };
        const user = await deps.storage.users.byId(claims.userId);
        return user ? { userId: user.id, name: user.name } : null;
      }
      const cookie = parseCookie(req.headers.cookie ?? '', SESSION_COOKIE)[SESSION_COOKIE];
      if (!cookie || !sameOrigin(req, deps.config.publicUrl)) return null;
      const found = await deps.sessions.validate(cookie);
      if (!found) return null;
      const sessionId = found.session.id;
      // Signing out or changing the password ends the session, and so the socket, within a few seconds.
      const stillValid = async () => {
        const s = await deps.storage.sessions.withUser(sessionId);
        return !!s && s.session.expiresAt > Date.now();
      };
      return { userId: found.user.id, name: found.user.name, stillValid };
    },
  });
}

function sameOrigin(req: IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  const host = req.headers.host;
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return publicUrl !== undefined && origin === new URL(publicUrl).origin;
}
