import { RouterProvider } from '@tanstack/react-router';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './lib/i18n/i18n.tsx';
import { switchLanguage } from './lib/i18n/i18n-store.ts';
import { deviceLocale } from './lib/i18n/locale-choice.ts';
import { makeRouter } from './router.tsx';
import './styles.css';

// The page's CSP admits <style> elements only with this request's nonce (Radix's scroll lock adds one).
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
if (nonce) setNonce(nonce);

// Signed out, the device's language; a signed-in screen switches to the account's (router.tsx).
void switchLanguage(deviceLocale());

const router = makeRouter({ loadApi: () => import('./api.ts') });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <RouterProvider router={router} />
    </I18nProvider>
  </StrictMode>,
);
