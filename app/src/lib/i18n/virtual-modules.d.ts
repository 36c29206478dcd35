// The catalogues the Vite plugin in app/vite/app-messages.ts serves (one chunk per language).
declare module 'virtual:app-messages' {
  import type { MessageFormatElement } from 'react-intl';

  type Messages = Record<string, MessageFormatElement[]>;
  /** Each language's messages in two chunks: the signed-out screens' and the staff screens'. */
  const loaders: Record<string, Record<'signed-out' | 'staff', () => Promise<{ default: Messages }>>>;
  export default loaders;
}
