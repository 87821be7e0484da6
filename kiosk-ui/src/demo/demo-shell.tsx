import { Suspense } from 'preact/compat';
import { useEffect } from 'preact/hooks';
import type { ConnectionState, DaemonLink } from '../client/daemon-client';
import { preloadable } from '../screens/journey-screens';
import { DemoMark } from './demo-mark';
import { useDemoStatus } from './use-demo-status';
import './demo.css';

// The staff's panel is not in the page's first script (fetched with the journeys' screens while attract is idle); the mark is.
const DemoPanel = preloadable(() => import('./demo-panel').then((m) => m.DemoPanel)).Screen;

/**
 * What the app shell shows of demo mode: nothing outside it; in it, a band
 * across the top of every screen with the mark and the staff's panel. The
 * band takes its own height from the screens (html.demo) rather than lying
 * over them, so it never covers a control.
 */
export function DemoShell({ client, conn }: { client: DaemonLink; conn: ConnectionState }) {
  const demo = useDemoStatus(client, conn);
  const active = demo?.active === true;
  useEffect(() => {
    document.documentElement.classList.toggle('demo', active);
  }, [active]);
  if (!demo?.active) return null;
  return (
    <div class="demo-band">
      <DemoMark />
      <Suspense fallback={null}>
        <DemoPanel client={client} demo={demo} />
      </Suspense>
    </div>
  );
}
