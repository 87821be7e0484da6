import { LifecycleDevice } from '../lifecycle-device';

/**
 * `driver: screen`: the kiosk's own screen is the evaluation display (the UI
 * shows the 好差评 faces and the QR itself). Nothing to open and nothing to
 * simulate: it is there whenever the daemon and the page are, so it has no
 * simulator controls and reports its real driver name.
 */
export class ScreenEvalDisplay extends LifecycleDevice {
  constructor() {
    super('evalDisplay', 'screen', { showing: null, onScreen: true });
  }
  protected async open(): Promise<void> {}
  protected async close(): Promise<void> {}
}
