import { useKiosk } from '../kiosk-context';

/**
 * The 演示 / DEMO mark on every screen while the terminal is in demo mode: a
 * ribbon at the top and a faint band across the screen, neither of which takes
 * a tap (the journey underneath works as usual).
 */
export function DemoMark() {
  const { t } = useKiosk();
  return (
    <>
      <div class="demo-watermark" aria-hidden="true" />
      <div class="demo-mark" role="status" data-testid="demo-mark">
        {t('demo.mark')}
      </div>
    </>
  );
}
