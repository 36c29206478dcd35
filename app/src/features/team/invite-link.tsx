import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';

/** An invitation link to copy and share another way (chat, in person). */
export function InviteLink({ link }: { link: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="space-y-2">
      <label htmlFor="invite-link" className="block text-sm font-medium text-slate-800">
        Invitation link
      </label>
      <div className="flex gap-2">
        <input
          id="invite-link"
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </div>
  );
}
