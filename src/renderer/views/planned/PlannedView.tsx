import { ScreenHeader } from '../../components/ScreenHeader';
import { screens, type ScreenId } from '../../navigation/routes';

/** The screens not built yet; each leaves this list when its view lands. */
type PlannedScreen = Extract<ScreenId, 'dashboards' | 'alarms' | 'finance' | 'compliance' | 'risk'>;

/** What each screen will hold, said plainly: these screens show nothing until they are built. */
const plans: Record<PlannedScreen, string> = {
  dashboards: 'Dashboards are not built yet. Charts of points, energy and comfort arrive with the dashboard editor.',
  alarms: 'Alarm management (ISA-18.2) is not built yet: no alarms are raised, so none are listed here.',
  finance: 'Finance is not built yet: energy cost and budgets will come from the ERP connectors.',
  compliance: 'Compliance is not built yet: reports against comfort, energy and maintenance obligations come later.',
  risk: 'Risk is not built yet: the risk register and its links to alarms and devices come later.',
};

export function PlannedView({ screen }: { screen: PlannedScreen }) {
  const label = screens.find((s) => s.id === screen)?.label ?? screen;
  return (
    <section className="screen planned" aria-labelledby="screen-title" data-testid={`screen-${screen}`}>
      <ScreenHeader title={label} />
      <p className="planned-text" data-testid="not-built">
        {plans[screen]}
      </p>
    </section>
  );
}
