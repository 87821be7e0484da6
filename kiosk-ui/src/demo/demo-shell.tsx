import { useEffect } from 'preact/hooks';
import type { ConnectionState, DaemonLink } from '../client/daemon-client';
import { DemoMark } from './demo-mark';
import { DemoPanel } from './demo-panel';
import { useDemoStatus } from './use-demo-status';
import './demo.css';

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
      <DemoPanel client={client} demo={demo} />
    </div>
  );
}
