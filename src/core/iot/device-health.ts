/** What is known of a device's life, from its messages and from births, deaths and wills. */
export interface DeviceActivity {
  deviceId: number;
  lastSeen: number | null;
  online: boolean;
  /** Why the device is (off)line: "message", "birth", "death", "will", "heartbeat timeout"... */
  reason: string;
  since: number;
  messages: number;
}

/** Per-device activity, kept in memory and updated on the ingest path. */
export class DeviceHealth {
  private readonly devices = new Map<number, DeviceActivity>();

  private entry(deviceId: number, at: number): DeviceActivity {
    let d = this.devices.get(deviceId);
    if (d === undefined) {
      d = { deviceId, lastSeen: null, online: false, reason: 'never heard from', since: at, messages: 0 };
      this.devices.set(deviceId, d);
    }
    return d;
  }

  /** A reading from the device arrived. */
  seen(deviceId: number, at: number, _quality: number): void {
    const d = this.entry(deviceId, at);
    d.lastSeen = at;
    d.messages++;
    if (!d.online) {
      d.online = true;
      d.reason = 'message';
      d.since = at;
    }
  }

  /** A birth, death or will said so. */
  setOnline(deviceId: number, online: boolean, reason: string, at: number): void {
    const d = this.entry(deviceId, at);
    if (d.online !== online) d.since = at;
    d.online = online;
    d.reason = reason;
  }

  get(deviceId: number): DeviceActivity | undefined {
    return this.devices.get(deviceId);
  }
}
