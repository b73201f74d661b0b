/**
 * Who may do what is declared per permission by each contract area (src/shared/contract/areas);
 * these are the roles it grants to, and the usual groups of them.
 */
export const roles = ['viewer', 'operator', 'engineer', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Every role: reading the site's state. */
export const everyone: readonly Role[] = roles;
/** Acting on the plant: acknowledge, shelve, command. Engineers commission, so they operate too. */
export const operators: readonly Role[] = ['operator', 'engineer', 'admin'];
/** Configuring points, alarms, rules, brokers and connectors. */
export const engineers: readonly Role[] = ['engineer', 'admin'];
/** Finance and approvals. */
export const managers: readonly Role[] = ['manager', 'admin'];
/** Reading everything and exporting the audit log. */
export const auditors: readonly Role[] = ['auditor', 'admin'];
/** Users, tokens and destructive maintenance. */
export const admins: readonly Role[] = ['admin'];

/** Who is calling: every call runs with one. */
export interface Session {
  user: string;
  role: Role;
  /** How the caller reached the core; shown in audit rows and health. */
  via: 'ipc' | 'ws' | 'internal';
}
