import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { useClient } from '../../api/connection-context';
import { useEpoch } from '../../state/site-data';
import type { DeviceItem } from './devices-model';

/**
 * Device health changes on timers in the core (heartbeats, rates, the quality window), not per message,
 * so the screen asks again every few seconds instead of listening to an event.
 */
export const DEVICES_POLL_MS = 5000;

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export interface DevicesState {
  devices: DeviceItem[] | null;
  error: string | null;
}

/** Every device of the site, refreshed every few seconds and after a reconnect. */
export function useDevices(): DevicesState {
  const client = useClient();
  const epoch = useEpoch();
  const [state, setState] = useState<DevicesState>({ devices: null, error: null });
  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    const load = (): void => {
      client
        .call('devices.list', { limit: 100_000 })
        .then((r) => live && setState({ devices: r.devices, error: null }))
        .catch((err: unknown) => live && setState((s) => ({ ...s, error: message(err) })));
    };
    load();
    const timer = setInterval(load, DEVICES_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, epoch]);
  return state;
}

export type DeviceDetailData = MethodOutput<'devices.get'>;
export type DetailState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; data: DeviceDetailData };

/** One device with its points, refreshed like the list. */
export function useDeviceDetail(id: number): DetailState {
  const client = useClient();
  const epoch = useEpoch();
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const load = (): void => {
      client
        .call('devices.get', { id })
        .then((data) => live && setState({ status: 'ok', data }))
        .catch((err: unknown) => live && setState({ status: 'error', message: message(err) }));
    };
    load();
    const timer = setInterval(load, DEVICES_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, id, epoch]);
  return state;
}
