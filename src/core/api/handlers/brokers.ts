import type { BrokerAdmin } from '../../iot/transport/broker-admin';
import type { AreaHandlers } from '../dispatcher';

export function brokerHandlers(s: { brokerAdmin: BrokerAdmin }): AreaHandlers<'brokers'> {
  return {
    'brokers.list': () => s.brokerAdmin.list(),
    'brokers.save': (q) => s.brokerAdmin.save(q),
    'brokers.remove': async ({ id }) => {
      await s.brokerAdmin.remove(id);
      return { ok: true as const };
    },
    'brokers.test': (q) => s.brokerAdmin.test(q),
    'brokers.previewMapping': (q) => s.brokerAdmin.previewMapping(q),
  };
}
