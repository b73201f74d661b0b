/** What the health of one broker link says about messages lost before they reached the app. */
export interface LinkLossFigures {
  droppedByBroker: number | null;
  sequenceGaps: number;
}

/**
 * The warning an operator sees for a link that lost messages outside the app, naming the settings
 * to change; null while nothing was lost. The README's "Your broker" section has the details.
 */
export function linkLossWarning(link: LinkLossFigures): string | null {
  const parts: string[] = [];
  if (link.droppedByBroker !== null && link.droppedByBroker > 0) {
    parts.push(
      `the broker dropped ${link.droppedByBroker.toLocaleString('en')} message${link.droppedByBroker === 1 ? '' : 's'} since this link started ` +
        '(its queue or in-flight window is too small: mosquitto max_queued_messages 0 and max_inflight_messages 0; ' +
        'EMQX mqtt.max_mqueue_len and mqtt.max_inflight; HiveMQ queued-messages max-queue-size)',
    );
  }
  if (link.sequenceGaps > 0) {
    parts.push(`${link.sequenceGaps.toLocaleString('en')} Sparkplug message${link.sequenceGaps === 1 ? '' : 's'} missing by their seq numbers (a rebirth was asked for)`);
  }
  return parts.length === 0 ? null : `Messages lost before the app: ${parts.join('; ')}.`;
}
