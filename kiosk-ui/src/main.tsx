import { render } from 'preact';
import { App } from './app';
import './styles.css';
import './styles/layout.css';

// Kiosk hardening inside the page: no context menu, no pinch zoom, no drag-out, no navigation away.
document.addEventListener('contextmenu', (e) => e.preventDefault());
document.addEventListener('dragstart', (e) => e.preventDefault());
document.addEventListener('gesturestart', (e) => e.preventDefault());
document.addEventListener(
  'touchmove',
  (e) => {
    if (e.touches.length > 1) e.preventDefault();
  },
  { passive: false },
);
document.addEventListener('click', (e) => {
  const a = (e.target as HTMLElement).closest?.('a[href]');
  if (a) e.preventDefault();
});

render(<App />, document.getElementById('app')!);
