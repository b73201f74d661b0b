import { permissionSpecs, type Permission } from './contract';
import type { Role } from './roles';

export { roles, type Role, type Session } from './roles';
export type { Permission } from './contract';

/** Every permission the contract declares (each area declares its own). */
export const permissions = Object.keys(permissionSpecs) as Permission[];

/** The one check of who may do what: admin holds every permission, other roles what the area grants them. */
export function roleHas(role: Role, permission: Permission): boolean {
  if (role === 'admin') return true;
  const spec = (permissionSpecs as Record<string, { roles: readonly Role[] }>)[permission];
  return spec !== undefined && spec.roles.includes(role);
}

/** The permissions a role holds, for `session.whoami` and the docs. */
export function permissionsOf(role: Role): Permission[] {
  return permissions.filter((p) => roleHas(role, p));
}
