// How Chromium is started for the browser tests and the Lighthouse audit. Debian's Chromium
// (`apt-get install chromium`): Playwright's and Lighthouse's own browser downloads cannot be
// fetched here. The flags keep it off a network the machine does not have (background updates,
// component updates, sync, QUIC); --no-sandbox because tests and CI run as root.

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
