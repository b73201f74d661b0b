import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { useEvent } from '../../api/use-event';
import { useQuery } from '../../api/use-query';
import { mergeById } from '../../lib/merge-by-id';
import type { DeviceItem } from './devices-model';

export interface DevicesState {
  devices: DeviceItem[] | null;
  error: string | null;
}

/** Every device of the site: listed once (and after a reconnect), then kept current by `devices.changed`. */
export function useDevices(): DevicesState {
  const { data, error } = useQuery('devices.list', { limit: 100_000 });
  const [devices, setDevices] = useState<DeviceItem[] | null>(null);
  useEffect(() => setDevices(data?.devices ?? null), [data]);
  useEvent('devices.changed', (p) => setDevices((list) => (list === null ? list : mergeById(list, p.devices))));
  return { devices, error };
}

export type DeviceDetailData = MethodOutput<'devices.get'>;
export type DetailState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; data: DeviceDetailData };

/** One device with its points, read again whenever the core says the device changed. */
export function useDeviceDetail(id: number): DetailState {
  const { data, error } = useQuery('devices.get', { id }, { refreshOn: [{ event: 'devices.changed', filter: { ids: [id] } }] });
  if (data !== null) return { status: 'ok', data };
  if (error !== null) return { status: 'error', message: error };
  return { status: 'loading' };
}
