import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Role, TokenCreateInput } from '@/lib/contract/auth';
import { log } from '@/server/log';
import { CloudError } from '../errors';
import type { Principal, ProviderContext } from '../types';
import { serviceLabel, type ServiceType } from './errors';
import { osFetch, type OpenStackSettings } from './http';

/**
 * What the console keeps of a Keystone sign-in, as `Principal.backendToken` (JSON; the tokens table stores it
 * encrypted, see server/auth/secret-box.ts). Keystone tokens live an hour by default while the console's
 * session lives TOKEN_TTL_SECONDS (8 h), so sign-in also creates a Keystone *application credential* of the
 * user's project and roles that expires with the console session; when the Keystone token is near its expiry,
 * a fresh one is issued from that credential, and the user notices nothing. (The alternatives were worse:
 * keeping the password, even encrypted, or ending the session after an hour.) Application credentials are
 * restricted, so a token issued from one cannot be re-scoped: switching projects then asks to sign in again.
 */
export interface BackendSession {
  v: 1;
  token: string;
  expiresAt: string;
  userId: string;
  projectId: string;
  /** The Keystone token came from the application credential (it can neither re-scope nor delete credentials). */
  viaAppCred?: boolean;
  appCred?: { id: string; secret: string };
}

interface CatalogEntry {
  type: string;
  name?: string;
  endpoints: { interface: string; region?: string; region_id?: string; url: string }[];
}

interface KeystoneToken {
  expires_at: string;
  user: { id: string; name: string; domain?: { id: string } };
  project?: { id: string; name: string; domain?: { id: string } };
  roles?: { id: string; name: string }[];
  catalog?: CatalogEntry[];
}

interface Issued {
  token: string;
  body: KeystoneToken;
}

/** Renew when less than this is left, so no call ever carries a token about to expire. */
const renewMarginMs = 5 * 60_000;
/** Service catalogs by token: a pure cache, safe per replica (another replica reads the same catalog from Keystone). */
const catalogs = new Map<string, { catalog: CatalogEntry[]; expires: number }>();
/** Fresh tokens issued from an application credential, by credential id (this process's own; cheap to redo). */
const renewed = new Map<string, Promise<BackendSession>>();
/**
 * Keystone tokens a service refused with 401 before their `expires_at`: revoked (a password change, an admin's
 * `openstack token revoke`), or Keystone's keys rotated. Calls renew instead of using them again. Bounded.
 */
const refused = new Set<string>();

/** A service answered 401 to this token: the next `sessionOf` renews it from the application credential. */
export function markRefused(token: string): void {
  if (refused.size > 5000) refused.clear();
  refused.add(token);
  catalogs.delete(token);
}
const usable = (session: BackendSession) =>
  !refused.has(session.token) && Date.parse(session.expiresAt) - Date.now() > renewMarginMs;

const unauthorized = () =>
  new CloudError('unauthorized', 'The username or password is wrong, or the user may not use that project');
const sessionEnded = () => new CloudError('unauthorized', 'the cloud session has ended: sign in again');

function rememberCatalog(issued: Issued) {
  if (issued.body.catalog)
    catalogs.set(issued.token, { catalog: issued.body.catalog, expires: Date.parse(issued.body.expires_at) });
  // Bounded: expired entries go when the map grows.
  if (catalogs.size > 5000) for (const [k, v] of catalogs) if (v.expires < Date.now()) catalogs.delete(k);
}

async function issue(s: OpenStackSettings, auth: unknown, signal?: AbortSignal): Promise<Issued> {
  const r = await osFetch<{ token: KeystoneToken }>(s, `${s.authUrl}/auth/tokens`, {
    method: 'POST',
    body: { auth },
    service: 'identity',
    signal,
  });
  const token = r.headers.get('x-subject-token');
  if (!token) throw new CloudError('unavailable', 'the identity service (Keystone) issued no token');
  const issued = { token, body: r.body.token };
  rememberCatalog(issued);
  return issued;
}

/** Keystone's role names → the contract's one role (implied roles mean an admin also holds member and reader). */
export function roleOf(roles: { name: string }[] | undefined): Role {
  const names = new Set((roles ?? []).map((r) => r.name.toLowerCase()));
  if (names.has('admin')) return 'admin';
  if (names.has('member') || names.has('_member_')) return 'member';
  return 'reader';
}

function principalOf(issued: Issued, session: BackendSession): Principal {
  const p = issued.body.project;
  if (!p) throw unauthorized();
  return {
    userId: issued.body.user.id,
    userName: issued.body.user.name,
    projectId: p.id,
    projectName: p.name,
    roles: [roleOf(issued.body.roles)],
    backendToken: JSON.stringify(session),
  };
}

async function createAppCred(s: OpenStackSettings, issued: Issued): Promise<BackendSession['appCred']> {
  const expires = new Date(Date.now() + s.sessionTtlSeconds * 1000 + 60_000);
  try {
    const r = await osFetch<{ application_credential: { id: string; secret: string } }>(
      s,
      `${s.authUrl}/users/${issued.body.user.id}/application_credentials`,
      {
        method: 'POST',
        token: issued.token,
        service: 'identity',
        body: {
          application_credential: {
            name: `yuntu-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
            description: 'Yuntu console session: renews its Keystone token; expires with the session',
            expires_at: expires.toISOString(),
          },
        },
      },
    );
    return { id: r.body.application_credential.id, secret: r.body.application_credential.secret };
  } catch (e) {
    // A cloud whose policy forbids application credentials still works; the session then ends with the Keystone token.
    // Said in the log, because users then have to sign in again after an hour (Keystone's token lifetime) or sooner.
    log.warn(
      { user: issued.body.user.name, err: e instanceof Error ? e.message : String(e) },
      'no application credential for this session: it ends with its Keystone token',
    );
    return undefined;
  }
}

function sessionFrom(issued: Issued, appCred: BackendSession['appCred'], viaAppCred = false): BackendSession {
  return {
    v: 1,
    token: issued.token,
    expiresAt: issued.body.expires_at,
    userId: issued.body.user.id,
    projectId: issued.body.project?.id ?? '',
    ...(viaAppCred ? { viaAppCred } : {}),
    ...(appCred ? { appCred } : {}),
  };
}

/** B.1.1 against Keystone: password auth, scoped to the project asked for or else the user's default project. */
export async function passwordSignIn(s: OpenStackSettings, c: TokenCreateInput): Promise<Principal> {
  const user = { name: c.username, password: c.password, domain: { name: c.user_domain ?? s.userDomain } };
  const projectDomain = { name: c.project_domain ?? c.user_domain ?? s.projectDomain };
  const scope =
    c.project_id !== undefined
      ? { project: { id: c.project_id } }
      : c.project_name !== undefined
        ? { project: { name: c.project_name, domain: projectDomain } }
        : undefined;
  let issued: Issued;
  try {
    issued = await issue(s, { identity: { methods: ['password'], password: { user } }, ...(scope ? { scope } : {}) });
    if (!issued.body.project) {
      // No default project: take the first of the user's projects, by name, like the simulator does.
      const projects = await osFetch<{ projects: { id: string; name: string; enabled?: boolean }[] }>(
        s,
        `${s.authUrl}/auth/projects`,
        {
          token: issued.token,
          service: 'identity',
        },
      );
      const first = projects.body.projects
        .filter((p) => p.enabled !== false)
        .sort((a, b) => a.name.localeCompare(b.name))[0];
      if (!first) throw unauthorized();
      issued = await issue(s, {
        identity: { methods: ['token'], token: { id: issued.token } },
        scope: { project: { id: first.id } },
      });
    }
  } catch (e) {
    if (
      e instanceof CloudError &&
      (e.kind === 'unauthorized' || e.kind === 'not_found' || e.kind === 'forbidden' || e.kind === 'invalid')
    ) {
      if (scope) await refuseDisabledProject(s, user, c);
      throw unauthorized();
    }
    throw e;
  }
  return principalOf(issued, sessionFrom(issued, await createAppCred(s, issued)));
}

const projectDisabled = (name: string, kind: 'unauthorized' | 'conflict') =>
  new CloudError(kind, `project ${name} is disabled: an administrator must enable it before you can use it`);

/**
 * Keystone answers a sign-in to a disabled project with its one 401 for everything. When the password itself is
 * right (an unscoped token is issued), the user's own project list says whether the project asked for is disabled,
 * and the member is told so by name; anyone else still gets the one answer.
 */
async function refuseDisabledProject(
  s: OpenStackSettings,
  user: { name: string; password: string; domain: { name: string } },
  c: TokenCreateInput,
): Promise<void> {
  let issued: Issued;
  try {
    issued = await issue(s, { identity: { methods: ['password'], password: { user } } });
  } catch {
    return;
  }
  const disabled = await disabledProjectOf(s, issued.token, issued.body.user.id, (p) =>
    c.project_id !== undefined ? p.id === c.project_id : p.name === c.project_name,
  );
  if (disabled) throw projectDisabled(disabled, 'unauthorized');
}

/** The name of the user's project that `match` picks, when that project is disabled. */
async function disabledProjectOf(
  s: OpenStackSettings,
  token: string,
  userId: string,
  match: (p: { id: string; name: string }) => boolean,
): Promise<string | undefined> {
  try {
    const r = await osFetch<{ projects: { id: string; name: string; enabled?: boolean }[] }>(
      s,
      `${s.authUrl}/users/${encodeURIComponent(userId)}/projects`,
      { token, service: 'identity' },
    );
    const p = r.body.projects.find(match);
    return p && p.enabled === false ? p.name : undefined;
  } catch {
    return undefined;
  }
}

/** The project switcher: a token of the same user for another project, from the current one. */
export async function rescope(s: OpenStackSettings, ctx: ProviderContext, projectId: string): Promise<Principal> {
  const current = await sessionOf(s, ctx);
  if (current.viaAppCred)
    throw new CloudError(
      'unauthorized',
      'the cloud session was renewed and cannot switch projects: sign in again to switch',
    );
  let issued: Issued;
  try {
    issued = await issue(s, {
      identity: { methods: ['token'], token: { id: current.token } },
      scope: { project: { id: projectId } },
    });
  } catch (e) {
    if (e instanceof CloudError && e.kind !== 'unavailable') {
      const disabled = await disabledProjectOf(s, current.token, current.userId, (p) => p.id === projectId);
      if (disabled) throw projectDisabled(disabled, 'conflict');
      throw new CloudError('not_found', `project ${projectId} was not found among your projects`);
    }
    throw e;
  }
  return principalOf(issued, sessionFrom(issued, await createAppCred(s, issued)));
}

export function parseSession(ctx: ProviderContext): BackendSession {
  const raw = ctx.principal.backendToken;
  if (!raw) throw sessionEnded();
  try {
    const v = JSON.parse(raw) as BackendSession;
    if (v.v === 1 && v.token) return v;
  } catch {
    // fall through
  }
  throw sessionEnded();
}

/** The session of a call, with a Keystone token good for a while yet (renewed from the application credential). */
export async function sessionOf(s: OpenStackSettings, ctx: ProviderContext): Promise<BackendSession> {
  const session = parseSession(ctx);
  if (usable(session)) return session;
  const appCred = session.appCred;
  if (!appCred) throw sessionEnded();
  let pending = renewed.get(appCred.id);
  if (pending) {
    const fresh = await pending.catch(() => undefined);
    if (fresh && usable(fresh)) return fresh;
  }
  pending = issue(s, {
    identity: {
      methods: ['application_credential'],
      application_credential: { id: appCred.id, secret: appCred.secret },
    },
  }).then((issued) => sessionFrom(issued, appCred, true));
  renewed.set(appCred.id, pending);
  try {
    return await pending;
  } catch (e) {
    renewed.delete(appCred.id);
    if (e instanceof CloudError && e.kind === 'unavailable') throw e;
    throw sessionEnded();
  }
}

/** Forces the next call to renew (for tests of the renewal path). */
export function expireForTest(principal: Principal): Principal {
  const s = JSON.parse(principal.backendToken ?? '{}') as BackendSession;
  return { ...principal, backendToken: JSON.stringify({ ...s, expiresAt: new Date(Date.now() - 1000).toISOString() }) };
}

async function catalogOf(s: OpenStackSettings, token: string, signal?: AbortSignal): Promise<CatalogEntry[]> {
  const cached = catalogs.get(token);
  if (cached) return cached.catalog;
  const r = await osFetch<{ catalog: CatalogEntry[] }>(s, `${s.authUrl}/auth/catalog`, {
    token,
    service: 'identity',
    signal,
  });
  catalogs.set(token, { catalog: r.body.catalog, expires: Date.now() + 3600_000 });
  return r.body.catalog;
}

const typeAliases: Record<ServiceType, string[]> = {
  identity: ['identity'],
  compute: ['compute'],
  image: ['image'],
  network: ['network'],
  volumev3: ['block-storage', 'volumev3', 'volume'],
  'load-balancer': ['load-balancer'],
};

/** The endpoint of a service in the token's catalog for the configured region and interface, or null. */
export async function endpointOf(
  s: OpenStackSettings,
  token: string,
  type: ServiceType,
  signal?: AbortSignal,
): Promise<string | null> {
  const catalog = await catalogOf(s, token, signal);
  for (const alias of typeAliases[type]) {
    const entry = catalog.find((e) => e.type === alias);
    const ep = entry?.endpoints.find(
      (e) => e.interface === s.interface && (e.region_id === s.region || e.region === s.region),
    );
    if (ep) return ep.url.replace(/\/+$/, '');
  }
  return null;
}

/** The token and endpoint for a call; a service missing from the catalog is `not_supported`, naming it. */
export async function endpointFor(
  s: OpenStackSettings,
  ctx: ProviderContext,
  type: ServiceType,
): Promise<{ token: string; url: string; session: BackendSession }> {
  const session = await sessionOf(s, ctx);
  const url = await endpointOf(s, session.token, type, ctx.signal);
  if (!url)
    throw new CloudError(
      'not_supported',
      `this cloud has no ${serviceLabel[type]} in region ${s.region} (${s.interface} interface)`,
    );
  return { token: session.token, url, session };
}

export async function revoke(s: OpenStackSettings, principal: Principal): Promise<void> {
  let session: BackendSession;
  try {
    session = JSON.parse(principal.backendToken ?? '') as BackendSession;
  } catch {
    return;
  }
  // A restricted application credential's token may not delete credentials; the credential then expires by itself.
  // The credential goes first: the token that deletes it is revoked next.
  if (session.appCred && !session.viaAppCred)
    await osFetch(s, `${s.authUrl}/users/${session.userId}/application_credentials/${session.appCred.id}`, {
      method: 'DELETE',
      token: session.token,
      service: 'identity',
    }).catch(() => undefined);
  await osFetch(s, `${s.authUrl}/auth/tokens`, {
    method: 'DELETE',
    token: session.token,
    headers: { 'X-Subject-Token': session.token },
    service: 'identity',
  }).catch(() => undefined);
  catalogs.delete(session.token);
  if (session.appCred) renewed.delete(session.appCred.id);
}

/**
 * The signed-in user changes their own password (Keystone `POST /v3/users/{id}/password`, which checks the original
 * one and then revokes every token of the user), then signs in again with the new password in the same project,
 * so the session that asked goes on with a fresh Keystone token. The console's application credentials of the
 * user's other sessions are deleted with that fresh token: those sessions end, and their credentials go with them.
 */
export async function changeOwnPassword(
  s: OpenStackSettings,
  ctx: ProviderContext,
  currentPassword: string,
  newPassword: string,
): Promise<Principal> {
  const session = await sessionOf(s, ctx);
  try {
    // osFetch, not rest.call: a 401 here means a wrong original password, not a token to renew and try again.
    await osFetch(s, `${s.authUrl}/users/${encodeURIComponent(ctx.principal.userId)}/password`, {
      method: 'POST',
      token: session.token,
      service: 'identity',
      signal: ctx.signal,
      body: { user: { original_password: currentPassword, password: newPassword } },
    });
  } catch (e) {
    if (e instanceof CloudError && e.kind === 'unauthorized')
      throw new CloudError('invalid', 'current_password is not your current password', [
        { path: 'current_password', message: 'is not your current password' },
      ]);
    // Keystone's own policy (history, minimum age, complexity regex) words its refusal: keep it, naming the field.
    if (e instanceof CloudError && e.kind === 'invalid')
      throw new CloudError('invalid', `new_password was refused by the identity service: ${e.message}`, [
        { path: 'new_password', message: e.message },
      ]);
    throw e;
  }
  catalogs.delete(session.token);
  // Keystone compares revocation times in whole seconds: a token issued in the second of the change would be revoked too.
  await new Promise((r) => setTimeout(r, 1100));
  const fresh = await passwordSignInById(s, ctx.principal.userId, newPassword, ctx.principal.projectId);
  await deleteConsoleAppCreds(s, fresh);
  return fresh;
}

/** Password sign-in by user id (a user name is unique only within its domain), scoped to the project. */
async function passwordSignInById(
  s: OpenStackSettings,
  userId: string,
  password: string,
  projectId: string,
): Promise<Principal> {
  let issued: Issued;
  try {
    issued = await issue(s, {
      identity: { methods: ['password'], password: { user: { id: userId, password } } },
      scope: { project: { id: projectId } },
    });
  } catch (e) {
    if (e instanceof CloudError && e.kind !== 'unavailable')
      throw new CloudError('unauthorized', 'the password was changed, but signing in with it failed: sign in again');
    throw e;
  }
  return principalOf(issued, sessionFrom(issued, await createAppCred(s, issued)));
}

/** Deletes the console's application credentials of the user (name `yuntu-…`) except the one of this session. */
async function deleteConsoleAppCreds(s: OpenStackSettings, keep: Principal): Promise<void> {
  const session = JSON.parse(keep.backendToken ?? '{}') as BackendSession;
  try {
    const r = await osFetch<{ application_credentials: { id: string; name: string }[] }>(
      s,
      `${s.authUrl}/users/${encodeURIComponent(keep.userId)}/application_credentials`,
      {
        token: session.token,
        service: 'identity',
      },
    );
    for (const c of r.body.application_credentials)
      if (c.name.startsWith('yuntu-') && c.id !== session.appCred?.id)
        await osFetch(s, `${s.authUrl}/users/${encodeURIComponent(keep.userId)}/application_credentials/${c.id}`, {
          method: 'DELETE',
          token: session.token,
          service: 'identity',
        }).catch(() => undefined);
  } catch (e) {
    // The sessions have ended anyway (their rows are gone, and with them the credentials' secrets); the credentials expire with them.
    log.warn(
      { user: keep.userName, err: e instanceof Error ? e.message : String(e) },
      'could not delete the application credentials of ended sessions',
    );
  }
}
