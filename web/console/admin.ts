/** Administration: users and roles, API keys (shown once), the audit log with its verification result. */
import { api, ApiError } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { shortTime, showInvisible } from '../lib/format.js';
import { notice, table, type Role } from './shared.js';

interface User { id: string; email: string; role: Role; disabled: boolean; mfaEnrolled: boolean; createdAt: string }
interface Key { id: string; name: string; role: Role; prefix: string; createdAt: string; revokedAt: string | null }
interface AuditEvent { seq: number; at: string; actor: string; action: string; target: string | null; ip: string | null; details: unknown }
type Verification = { ok: true; count: number; headHash: string } | { ok: false; seq: number; reason: string };

const ROLES: readonly Role[] = ['admin', 'analyst', 'liaison'];

/** A text field of a submitted form ('' when absent). */
function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

function roleSelect(id: string, current?: Role): HTMLSelectElement {
  return h('select', { id, name: 'role' }, ROLES.map((r) => h('option', { value: r, selected: r === current }, r)));
}

export async function adminPage(root: HTMLElement): Promise<void> {
  let users: User[];
  let keys: Key[];
  let events: AuditEvent[];
  let verification: Verification;
  try {
    [{ users }, { keys }, { events }, verification] = await Promise.all([
      api<{ users: User[] }>('/api/v1/admin/users'),
      api<{ keys: Key[] }>('/api/v1/admin/keys'),
      api<{ events: AuditEvent[] }>('/api/v1/admin/audit?limit=100'),
      api<Verification>('/api/v1/admin/audit/verify'),
    ]);
  } catch (problem) {
    mount(root, h('h1', {}, 'Administration'), notice(problem instanceof ApiError ? problem.message : 'could not load', 'error'));
    return;
  }
  const outcome = h('div', { 'aria-live': 'polite', id: 'admin-outcome' });
  const failed = (problem: unknown): void => { outcome.replaceChildren(notice(problem instanceof ApiError ? problem.message : String(problem), 'error')); };
  const done = (message: string) => async (): Promise<void> => {
    await adminPage(root);
    root.querySelector('#admin-outcome')?.replaceChildren(notice(message, 'ok'));
  };

  const newUser = h('form', { class: 'inline-form', novalidate: true },
    h('label', {}, 'E-mail ', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' })),
    h('label', {}, 'Password ', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 15 })),
    h('label', {}, 'Role ', roleSelect('u-role')),
    h('button', { type: 'submit' }, 'Create user'));
  newUser.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(newUser);
    void api('/api/v1/admin/users', { method: 'POST', body: { email: field(data, 'email'), password: field(data, 'password'), role: field(data, 'role') } })
      .then(done(`Created ${field(data, 'email')}.`), failed);
  });

  const newKey = h('form', { class: 'inline-form', novalidate: true },
    h('label', {}, 'Name ', h('input', { name: 'name', required: true, maxlength: 100 })),
    h('label', {}, 'Role ', roleSelect('k-role', 'analyst')),
    h('button', { type: 'submit' }, 'Create API key'));
  const shownKey = h('div', { 'aria-live': 'polite' });
  newKey.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(newKey);
    void api<{ key: string }>('/api/v1/admin/keys', { method: 'POST', body: { name: field(data, 'name'), role: field(data, 'role') } }).then(async (made) => {
      await adminPage(root);
      root.querySelector('#new-key')?.replaceChildren(h('div', { class: 'notice ok' },
        h('p', {}, 'The new key (shown once, store it now):'), h('code', { class: 'secret', id: 'new-key-value' }, made.key)));
    }, failed);
  });

  const userRows = users.map((u) => {
    const role = roleSelect(`role-${u.id}`, u.role);
    role.setAttribute('aria-label', `Role of ${u.email}`);
    role.addEventListener('change', () => { void api(`/api/v1/admin/users/${u.id}/role`, { method: 'POST', body: { role: role.value } }).then(done(`${u.email} is now ${role.value}; their sessions were ended.`), failed); });
    return [
      showInvisible(u.email), role, `${u.disabled ? 'disabled' : 'active'}${u.mfaEnrolled ? '' : ', no second factor yet'}`, shortTime(u.createdAt),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'small', onclick: () => { void api(`/api/v1/admin/users/${u.id}/disabled`, { method: 'POST', body: { disabled: !u.disabled } }).then(done(`${u.email} ${u.disabled ? 'enabled' : 'disabled'}.`), failed); } }, u.disabled ? 'Enable' : 'Disable'),
        h('button', { type: 'button', class: 'small', onclick: () => { void api(`/api/v1/admin/users/${u.id}/sessions/terminate`, { method: 'POST' }).then(done(`Ended ${u.email}’s sessions.`), failed); } }, 'End sessions'),
        u.mfaEnrolled ? h('button', { type: 'button', class: 'small', onclick: () => {
          if (window.confirm(`Reset ${u.email}’s second factor? They set it up again at their next sign-in.`)) void api(`/api/v1/admin/users/${u.id}/mfa/reset`, { method: 'POST' }).then(done(`Reset ${u.email}’s second factor.`), failed);
        } }, 'Reset 2-step') : null),
    ];
  });

  const keyRows = keys.map((k) => [
    showInvisible(k.name), k.role, h('code', {}, `${k.prefix}…`), shortTime(k.createdAt), k.revokedAt === null ? 'active' : `revoked ${shortTime(k.revokedAt)}`,
    k.revokedAt !== null ? '' : h('button', { type: 'button', class: 'small danger', onclick: () => {
      if (window.confirm(`Revoke the key ${k.name}? Programs using it stop working at once.`)) void api(`/api/v1/admin/keys/${k.id}`, { method: 'DELETE' }).then(done(`Revoked ${k.name}.`), failed);
    } }, 'Revoke'),
  ]);

  mount(root,
    h('h1', {}, 'Administration'),
    outcome,
    h('section', {},
      h('h2', {}, 'Users'),
      table(['E-mail', 'Role', 'State', 'Created', ''], userRows),
      newUser,
      h('p', { class: 'hint' }, 'Passwords: at least 15 characters. A role change or disabling ends the account’s sessions.')),
    h('section', {},
      h('h2', {}, 'API keys'),
      h('div', { id: 'new-key' }),
      shownKey,
      keys.length === 0 ? h('p', {}, 'No keys.') : table(['Name', 'Role', 'Key', 'Created', 'State', ''], keyRows),
      newKey),
    h('section', {},
      h('h2', {}, 'Audit log'),
      verification.ok
        ? notice(`Hash chain verified: ${verification.count} entries, none changed, removed or reordered.`, 'ok')
        : notice(`Hash chain BROKEN at entry ${verification.seq}: ${verification.reason}`, 'error'),
      table(['#', 'When', 'Who', 'What', 'Object', 'From'], events.map((e) => [
        String(e.seq), shortTime(e.at), showInvisible(e.actor), showInvisible(e.action), showInvisible(e.target ?? ''), e.ip ?? '',
      ]))));
}
