import type { ScreenId } from '../navigation/routes';

/** Line icons (24×24, stroked in the text colour) so the navigation reads at a glance. */
const paths: Record<ScreenId, string> = {
  building: 'M4 21V5l8-2v18M12 8l8 2v11M2 21h20M7 8h2M7 12h2M7 16h2M15 13h2M15 17h2',
  points: 'M4 6h2M4 12h2M4 18h2M9 6h11M9 12h11M9 18h11',
  dashboards: 'M3 3h8v10H3zM13 3h8v6h-8zM13 11h8v10h-8zM3 15h8v6H3z',
  alarms: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4',
  devices: 'M7 7h10v10H7zM10 3v4M14 3v4M10 17v4M14 17v4M3 10h4M3 14h4M17 10h4M17 14h4',
  finance: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  compliance: 'M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6zM8.5 12l2.5 2.5 4.5-5',
  risk: 'M12 3l10 18H2zM12 10v5M12 18v.5',
  settings: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4',
};

export function NavIcon({ screen }: { screen: ScreenId }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[screen]} />
    </svg>
  );
}
