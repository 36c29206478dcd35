import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { TextAreaField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import { ScrollRegion } from './feedback.tsx';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ParsedList, parseWhitelist } from './whitelist-parse.ts';

type Mode = 'add' | 'replace' | 'remove';

const MODES: Array<{ value: Mode; label: string; hint: string }> = [
  { value: 'add', label: 'Add to the list', hint: 'Emails already on it are skipped.' },
  { value: 'replace', label: 'Replace the list', hint: 'The list becomes exactly these emails.' },
  { value: 'remove', label: 'Remove from the list', hint: 'These emails lose their access.' },
];

const PREVIEW_LIMIT = 200;

/**
 * Paste emails or upload a CSV (up to 5,000 rows), see which rows are valid, invalid or repeated,
 * then send only the valid ones to `updateWhitelist` in the chosen mode.
 */
export function WhitelistImport({ workshopId }: { workshopId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const fileId = useId();
  const modeName = useId();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<Mode>('add');
  const [parsed, setParsed] = useState<ParsedList | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const update = useMutation(trpc.immersio.workshop.updateWhitelist.mutationOptions());

  const read = async (content: string) => {
    setReading(true);
    setProblem(null);
    try {
      const list = await parseWhitelist(content);
      setParsed(list.error ? null : list);
      if (list.error) setProblem(list.error);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The list could not be read.');
    } finally {
      setReading(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setParsed(null);
      setProblem('The file is larger than 2 MB.');
      return;
    }
    const content = await file.text();
    setText(content);
    await read(content);
  };

  const submit = async () => {
    if (!parsed) return;
    try {
      const result = await update.mutateAsync({ workshopId, mode, emails: parsed.valid });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.getWhitelist.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.immersio.workshop.get.queryKey({ workshopId }) });
      toast('Whitelist updated', {
        description: `${result.added} added, ${result.removed} removed, ${result.duplicatesSkipped} already listed or repeated; ${result.totalWhitelisted} on the list.`,
      });
      setParsed(null);
      setText('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The whitelist could not be updated.');
    }
  };

  const problems = parsed?.rows.filter((r) => r.status !== 'valid') ?? [];
  const action = mode === 'add' ? 'Add' : mode === 'replace' ? 'Replace the list with' : 'Remove';

  return (
    <section
      aria-labelledby="whitelist-import"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="whitelist-import" className="text-lg font-semibold text-slate-900">
        Import emails
      </h2>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">What to do with them</legend>
        {MODES.map((m) => (
          <label key={m.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={modeName}
              value={m.value}
              checked={mode === m.value}
              onChange={() => setMode(m.value)}
              className="mt-0.5"
            />
            <span>
              <span className="font-medium text-slate-900">{m.label}</span>
              <span className="block text-xs text-slate-600">{m.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label="Paste emails"
        rows={5}
        hint="One per line, or CSV rows: email, name, Immersio student id."
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setParsed(null);
        }}
      />
      <div className="space-y-1">
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
          Or upload a CSV file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-describedby={`${fileId}-hint`}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          onChange={(event) => void onFile(event.target.files?.[0])}
        />
        <p id={`${fileId}-hint`} className="text-xs text-slate-600">
          Up to {MAX_IMPORT_ROWS.toLocaleString()} rows; a header row naming an “email” column is recognised.
        </p>
      </div>
      <Button variant="secondary" busy={reading} disabled={text.trim() === ''} onClick={() => read(text)}>
        Check the list
      </Button>
      {problem ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {problem}
        </p>
      ) : null}
      {parsed ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-800" role="status">
            <strong>{parsed.valid.length} valid</strong>, {parsed.invalidCount} invalid,{' '}
            {parsed.duplicateCount} {parsed.duplicateCount === 1 ? 'duplicate' : 'duplicates'}. Only the valid
            rows are sent.
          </p>
          {problems.length > 0 ? (
            <ScrollRegion label="Rows that will be skipped" className="max-h-64">
              <table className="w-full text-left text-sm">
                <thead className="sticky top-0 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Line
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Row
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Problem
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {problems.slice(0, PREVIEW_LIMIT).map((row) => (
                    <tr key={row.id} className="border-t border-slate-100">
                      <td className="px-3 py-1.5 text-slate-700">{row.line}</td>
                      <td className="max-w-48 break-all px-3 py-1.5 text-slate-900">{row.raw}</td>
                      <td className="px-3 py-1.5 text-slate-800">
                        {row.status === 'invalid' ? row.reason : `Duplicate of line ${row.firstLine}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {problems.length > PREVIEW_LIMIT ? (
                <p className="px-3 py-2 text-xs text-slate-600">
                  …and {problems.length - PREVIEW_LIMIT} more.
                </p>
              ) : null}
            </ScrollRegion>
          ) : null}
          <Button
            variant={mode === 'add' ? 'primary' : 'danger'}
            busy={update.isPending}
            disabled={parsed.valid.length === 0 && mode !== 'replace'}
            onClick={submit}
          >
            {action} {parsed.valid.length} {parsed.valid.length === 1 ? 'email' : 'emails'}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
