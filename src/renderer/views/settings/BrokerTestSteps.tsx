import type { BrokerTestResult } from '../../../shared/contract/schemas/brokers';
import { StateDot } from '../../components/StateDot';

const stepNames: Record<BrokerTestResult['steps'][number]['step'], string> = {
  settings: 'Settings',
  resolve: 'Host name',
  connect: 'TCP connection',
  tls: 'TLS',
  mqtt: 'MQTT',
  subscribe: 'Subscription',
};

/** The probe's steps in words, in order, up to the first that failed. */
export function BrokerTestSteps({ result }: { result: BrokerTestResult }) {
  return (
    <div className={`bf-test ${result.ok ? 'ok' : 'failed'}`} data-testid="broker-test-result" data-ok={result.ok}>
      <p className={result.ok ? 'tone-text-good' : 'tone-text-bad'}>
        <strong>{result.ok ? 'Connection works.' : 'Connection failed.'}</strong> {result.message}
      </p>
      <ol className="bf-steps">
        {result.steps.map((s) => (
          <li key={s.step} data-step={s.step} data-ok={s.ok}>
            <StateDot tone={s.ok ? 'good' : 'bad'} />
            <span className="bf-step-name">{stepNames[s.step]}</span>
            <span className="bf-step-message">{s.message}</span>
            <span className="bf-step-ms">{s.ms} ms</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
