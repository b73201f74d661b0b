/** Keys under which the Points screen keeps its view choices (see PointsView). */
export const pointsViewKeys = { filter: 'arxos.points.filter', group: 'arxos.points.group' } as const;

function store(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Without storage the Points screen simply opens as it was.
  }
}

/** Opens the Points screen on one space: sets its filter before navigating there. */
export function showPointsOf(spaceId: string): void {
  store(pointsViewKeys.filter, spaceId);
}
