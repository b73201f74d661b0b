/**
 * Roles and the permissions each holds. Every contract method names one permission;
 * the core checks it in one place (the dispatcher) before a handler runs.
 */
export const roles = ['viewer', 'operator', 'engineer', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'system:read',
  'points:read',
  'history:read',
  'devices:read',
  'devices:write',
  'brokers:read',
  'brokers:write',
  'ingest:read',
  'storage:read',
  'storage:purge',
] as const;
export type Permission = (typeof permissions)[number];

const read: Permission[] = ['system:read', 'points:read', 'history:read', 'devices:read', 'brokers:read', 'ingest:read', 'storage:read'];

/** Each role holds everything the role before it holds, plus its own. */
const grants: Record<Role, readonly Permission[]> = {
  viewer: read,
  operator: read,
  engineer: [...read, 'brokers:write', 'devices:write'],
  admin: permissions,
};

export function roleHas(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** Who is calling: every call runs with one. */
export interface Session {
  user: string;
  role: Role;
  /** How the caller reached the core; shown in audit rows and health. */
  via: 'ipc' | 'ws' | 'internal';
}
