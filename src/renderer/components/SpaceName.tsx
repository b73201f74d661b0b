import './space-name.css';
import { spaceLabel, spaceName, type SpaceIndex } from '../state/space-names';

interface Props {
  index: SpaceIndex | null;
  spaceId: string | null;
}

/** The hover text of a space: its name and its id, which is what mappings and filters use. */
const spaceTitle = (index: SpaceIndex | null, spaceId: string): string => {
  const label = spaceLabel(index, spaceId);
  return label === spaceId ? spaceId : `${label} (${spaceId})`;
};

/**
 * A table cell with a space: the room's name over its storey, or its id in monospace when the
 * building model does not know it (a real site before its model is imported).
 */
export function SpaceCell({ index, spaceId, className }: Props & { className: string }) {
  if (spaceId === null) return <td className={`${className} space-cell muted`}>—</td>;
  const n = spaceName(index, spaceId);
  return (
    <td className={`${className} space-cell`} title={spaceTitle(index, spaceId)}>
      <span className={n.known ? 'space-name' : 'space-name mono'}>{n.name}</span>
      {n.storey && <span className="space-storey">{n.storey}</span>}
    </td>
  );
}

/** A space in a detail panel's facts: "Open office 201 · Second floor" and its id. */
export function SpaceFact({ index, spaceId }: Props) {
  if (spaceId === null) return <>—</>;
  const label = spaceLabel(index, spaceId);
  if (label === spaceId) return <span className="mono">{spaceId}</span>;
  return (
    <>
      <span>{label}</span>
      <span className="mono muted">{spaceId}</span>
    </>
  );
}
