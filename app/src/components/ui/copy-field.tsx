import { type ReactNode, useState } from 'react';
import { useT } from '../../lib/i18n/i18n.tsx';
import { Button } from './button.tsx';
import { TextField } from './field.tsx';

/**
 * A value to copy (a new key, a link, a secret) in a read-only field, selected on focus so it can
 * be copied by hand where the clipboard is not allowed, with a Copy button that says how it went.
 */
export function CopyField({
  label,
  value,
  copyLabel,
  what,
  hint,
  size,
}: {
  label: string;
  value: string;
  copyLabel: string;
  /** What it is, in the failure message: "select the <what> and copy it yourself". */
  what: 'key' | 'link' | 'secret';
  hint?: ReactNode;
  size?: 'sm' | 'md';
}) {
  const t = useT();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div className="space-y-3">
      <TextField
        label={label}
        readOnly
        value={value}
        className="font-mono"
        onFocus={(event) => event.currentTarget.select()}
        hint={hint}
      />
      <div className="flex items-center gap-3">
        <Button variant="secondary" size={size ?? 'md'} onClick={() => void onCopy()}>
          {copyLabel}
        </Button>
        <p aria-live="polite" className="text-sm text-slate-700">
          {copy === 'copied'
            ? t('app.ui.copy.copied')
            : copy === 'failed'
              ? t('app.ui.copy.failed', { what })
              : null}
        </p>
      </div>
    </div>
  );
}
