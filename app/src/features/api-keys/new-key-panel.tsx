import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';

/** The new key in a read-only field (select it by hand if the clipboard is not allowed) and Copy. */
export function NewKeyPanel({ apiKey }: { apiKey: string }) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div className="space-y-3">
      <TextField
        label="Your new API key"
        readOnly
        value={apiKey}
        className="font-mono"
        onFocus={(event) => event.currentTarget.select()}
        hint="Send it as Authorization: Bearer <key>. You will not see it again."
      />
      <div className="flex items-center gap-3">
        <Button variant="secondary" onClick={() => void onCopy()}>
          Copy key
        </Button>
        <p aria-live="polite" className="text-sm text-slate-700">
          {copy === 'copied'
            ? 'Copied to the clipboard.'
            : copy === 'failed'
              ? 'Could not copy: select the key and copy it yourself.'
              : null}
        </p>
      </div>
    </div>
  );
}
