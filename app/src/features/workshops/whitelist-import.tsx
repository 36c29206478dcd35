import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { TextAreaField } from '../../components/ui/field.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { type AppMessageKey, Message, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ScrollRegion } from './feedback.tsx';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ParsedList, parseWhitelist } from './whitelist-parse.ts';

type Mode = 'add' | 'replace' | 'remove';

const MODES: Array<{ value: Mode; label: AppMessageKey; hint: AppMessageKey; submit: AppMessageKey }> = [
  {
    value: 'add',
    label: 'app.workshops.whitelist.import.mode.add',
    hint: 'app.workshops.whitelist.import.mode.addHint',
    submit: 'app.workshops.whitelist.import.submitAdd',
  },
  {
    value: 'replace',
    label: 'app.workshops.whitelist.import.mode.replace',
    hint: 'app.workshops.whitelist.import.mode.replaceHint',
    submit: 'app.workshops.whitelist.import.submitReplace',
  },
  {
    value: 'remove',
    label: 'app.workshops.whitelist.import.mode.remove',
    hint: 'app.workshops.whitelist.import.mode.removeHint',
    submit: 'app.workshops.whitelist.import.submitRemove',
  },
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
  const t = useT();
  const errorText = useErrorText();
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
      if (list.error) setProblem(t(list.error.key, list.error.values));
    } catch (error) {
      setProblem(errorText(error, 'app.workshops.whitelist.import.readFailed'));
    } finally {
      setReading(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setParsed(null);
      setProblem(t('app.workshops.whitelist.import.tooLarge'));
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
      toast(t('app.workshops.whitelist.import.updated'), {
        description: t('app.workshops.whitelist.import.updatedBody', {
          added: result.added,
          removed: result.removed,
          skipped: result.duplicatesSkipped,
          total: result.totalWhitelisted,
        }),
      });
      setParsed(null);
      setText('');
    } catch (error) {
      setProblem(errorText(error, 'app.workshops.whitelist.import.updateFailed'));
    }
  };

  const problems = parsed?.rows.filter((r) => r.status !== 'valid') ?? [];
  const submitKey = MODES.find((m) => m.value === mode)?.submit ?? 'app.workshops.whitelist.import.submitAdd';

  return (
    <section
      aria-labelledby="whitelist-import"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="whitelist-import" className="text-lg font-semibold text-slate-900">
        {t('app.workshops.whitelist.import.title')}
      </h2>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">
          {t('app.workshops.whitelist.import.legend')}
        </legend>
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
              <span className="font-medium text-slate-900">{t(m.label)}</span>
              <span className="block text-xs text-slate-600">{t(m.hint)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label={t('app.workshops.whitelist.import.paste')}
        rows={5}
        hint={t('app.workshops.whitelist.import.pasteHint')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setParsed(null);
        }}
      />
      <div className="space-y-1">
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
          {t('app.workshops.whitelist.import.upload')}
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
          {t('app.workshops.whitelist.import.uploadHint', { max: MAX_IMPORT_ROWS })}
        </p>
      </div>
      <Button variant="secondary" busy={reading} disabled={text.trim() === ''} onClick={() => read(text)}>
        {t('app.workshops.whitelist.import.check')}
      </Button>
      {problem ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {problem}
        </p>
      ) : null}
      {parsed ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-800" role="status">
            <Message
              id="app.workshops.whitelist.import.summary"
              values={{
                valid: parsed.valid.length,
                invalid: parsed.invalidCount,
                duplicates: parsed.duplicateCount,
                b: (chunks) => <strong>{chunks}</strong>,
              }}
            />
          </p>
          {problems.length > 0 ? (
            <ScrollRegion label={t('app.workshops.whitelist.import.skipped')} className="max-h-64">
              <table className="w-full text-left text-sm">
                <thead className="sticky top-0 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t('app.workshops.whitelist.import.line')}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t('app.workshops.whitelist.import.row')}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t('app.workshops.whitelist.import.problem')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {problems.slice(0, PREVIEW_LIMIT).map((row) => (
                    <tr key={row.id} className="border-t border-slate-100">
                      <td className="px-3 py-1.5 text-slate-700">{row.line}</td>
                      <td className="max-w-48 break-all px-3 py-1.5 text-slate-900">{row.raw}</td>
                      <td className="px-3 py-1.5 text-slate-800">
                        {row.status === 'invalid'
                          ? t(row.reason.key, row.reason.values)
                          : t('app.workshops.whitelist.import.duplicateOf', { line: row.firstLine })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {problems.length > PREVIEW_LIMIT ? (
                <p className="px-3 py-2 text-xs text-slate-600">
                  {t('app.workshops.whitelist.import.more', { count: problems.length - PREVIEW_LIMIT })}
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
            {t(submitKey, { count: parsed.valid.length })}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
