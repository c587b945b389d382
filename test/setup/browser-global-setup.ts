import { ensureChromium } from '../support/chromium';
import globalSetup from './global-setup';

/** The browser project: Chromium present (installed when missing), then the migrated template database. */
export default async function browserGlobalSetup(): Promise<void> {
  ensureChromium();
  await globalSetup();
}
