import { describe, expect, it } from 'vitest';
import { areas } from '../../src/shared/contract/areas';
import { eventNames, events, methods, permissionSpecs } from '../../src/shared/contract';
import { permissions, permissionsOf, roleHas } from '../../src/shared/permissions';
import { roles } from '../../src/shared/roles';

describe('contract areas', () => {
  it('every method and event names a permission some area declares', () => {
    for (const [name, spec] of [...Object.entries(methods), ...Object.entries(events)]) {
      expect(permissions, name).toContain(spec.permission);
    }
  });

  it('every method and event is declared by exactly one area, named after it', () => {
    const seen = new Map<string, string>();
    for (const [areaName, area] of Object.entries(areas)) {
      for (const name of [...Object.keys(area.methods), ...Object.keys(area.events)]) {
        expect(seen.has(name), `${name} declared by ${seen.get(name)} and ${areaName}`).toBe(false);
        seen.set(name, areaName);
      }
    }
    // The subscription methods belong to the transports, not to an area.
    expect([...seen.keys()].sort()).toEqual([...Object.keys(methods).filter((m) => !m.startsWith('events.')), ...eventNames].sort());
  });

  it('admin holds every permission; the other roles exactly what the areas grant them', () => {
    expect(permissionsOf('admin')).toEqual(permissions);
    for (const role of roles.filter((r) => r !== 'admin')) {
      for (const p of permissions) {
        expect(roleHas(role, p), `${role} ${p}`).toBe((permissionSpecs as Record<string, { roles: readonly string[] }>)[p]!.roles.includes(role));
      }
    }
    expect(roleHas('viewer', 'brokers:write')).toBe(false);
    expect(roleHas('engineer', 'brokers:write')).toBe(true);
    expect(roleHas('engineer', 'storage:purge')).toBe(false);
  });

  it('the subscription input takes a filter only for the events that declare one', () => {
    const input = methods['events.subscribe'].input;
    expect(input.safeParse({ events: ['points.changed'], filters: { 'points.changed': { ids: [1, 2] } } }).success).toBe(true);
    const noFilter = input.safeParse({ events: ['system.status'], filters: { 'system.status': { ids: [1] } } });
    expect(noFilter.success).toBe(false);
    expect(JSON.stringify(noFilter.error?.issues)).toContain('system.status');
  });
});
