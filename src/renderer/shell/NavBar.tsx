import { NavIcon } from '../components/NavIcon';
import { routeHref, screens, type ScreenId } from '../navigation/routes';

export function NavBar({ current }: { current: ScreenId }) {
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">
          Arxos <span className="brand-sub">Control Room</span>
        </span>
      </div>
      <ul>
        {screens.map((s) => (
          <li key={s.id}>
            <a
              href={routeHref(s.id)}
              className={s.id === current ? 'nav-item active' : 'nav-item'}
              aria-current={s.id === current ? 'page' : undefined}
              data-testid={`nav-${s.id}`}
            >
              <NavIcon screen={s.id} />
              <span>{s.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
