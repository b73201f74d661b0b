import './quality-badge.css';
import { qualityLevel, qualityReasons, qualityReasonsOf } from '../../shared/quality';
import { StateDot } from './StateDot';

export function qualityText(code: number): string {
  const reasons = qualityReasonsOf(code).map((r) => qualityReasons[r].text);
  return reasons.length === 0 ? 'good' : `${qualityLevel(code)}: ${reasons.join('; ')}`;
}

/** The quality of a value as a dot and a word; the reasons in words on hover. */
export function QualityBadge({ code }: { code: number | undefined }) {
  if (code === undefined) return <span className="muted">—</span>;
  const level = qualityLevel(code);
  return (
    <span className="quality" title={qualityText(code)} data-level={level}>
      <StateDot tone={level} />
      <span className={`tone-text-${level}`}>{level}</span>
    </span>
  );
}
