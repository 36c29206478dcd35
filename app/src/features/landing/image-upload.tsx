import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { cx } from '../../lib/cx.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { currentLanguage } from '../../lib/i18n/i18n-store.ts';
import type { AssetType } from './landing-form-model.ts';
import { UploadError, type UploadResult, uploadImage } from './upload.ts';

type Upload =
  | { state: 'idle' }
  | { state: 'sending'; fileName: string; fraction: number }
  | { state: 'failed'; fileName: string; message: string };

/**
 * One of the page's images: its address (any https image, or one of ours), and an upload by
 * drag and drop or the file picker with its progress. The server decides what it takes (type,
 * size, megapixels) and says why it refuses; a taken image is saved as that setting at once.
 */
export function ImageUpload({
  assetType,
  value,
  field,
  error,
  onUploaded,
  onClear,
}: {
  assetType: AssetType;
  value: string;
  field: UseFormRegisterReturn;
  error?: string | undefined;
  onUploaded: (result: UploadResult) => void;
  onClear: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const [dragging, setDragging] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const inputId = useId();
  useEffect(() => () => controller.current?.abort(), []);

  const send = async (file: File) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setUpload({ state: 'sending', fileName: file.name, fraction: 0 });
    try {
      const result = await uploadImage(
        assetType,
        file,
        (fraction) => setUpload({ state: 'sending', fileName: file.name, fraction }),
        abort.signal,
      );
      setUpload({ state: 'idle' });
      onUploaded(result);
    } catch (cause) {
      if (abort.signal.aborted) return;
      const message = failureText(cause);
      setUpload({ state: 'failed', fileName: file.name, message });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void send(file);
  };

  // The server's refusal in English keeps its detail ("SVG is not accepted"); other languages
  // get the rule it enforces, since its details are written in English only.
  const failureText = (cause: unknown): string => {
    if (!(cause instanceof UploadError)) return t('app.landing.upload.failed');
    if (cause.text) return t(cause.text.key, cause.text.values);
    if (cause.code === 'VALIDATION_ERROR' && currentLanguage()?.locale !== 'en') {
      return t('app.landing.upload.refused');
    }
    return errorText(cause, 'app.landing.upload.failed');
  };
  const image = { image: assetType };
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-3">
      <div className="flex flex-wrap items-start gap-3">
        <div className="flex size-20 shrink-0 items-center justify-center overflow-hidden rounded border border-slate-200 bg-slate-50">
          {URL.canParse(value) ? (
            <img
              src={value}
              alt={t('app.landing.image.current', image)}
              className="max-h-full max-w-full object-contain"
            />
          ) : (
            <span className="px-1 text-center text-xs text-slate-600">
              {t('app.landing.image.none', image)}
            </span>
          )}
        </div>
        <TextField
          label={t('app.landing.image.address', image)}
          hint={t('app.landing.image.addressHint')}
          error={error}
          fieldClassName="min-w-48 flex-1"
          inputMode="url"
          {...field}
        />
        {value ? (
          <Button variant="secondary" size="sm" className="self-end" onClick={onClear}>
            {t('app.landing.image.remove', image)}
          </Button>
        ) : null}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is the pointer's shortcut; the file input inside is the way for everyone */}
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid={`drop-${assetType}`}
        className={cx(
          'rounded-md border-2 border-dashed px-3 py-4 text-center text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600',
          dragging ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-white',
        )}
      >
        <label htmlFor={inputId} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t('app.landing.image.upload', image)}
        </label>
        <span className="text-slate-600"> {t('app.landing.image.drop')}</span>
        <input
          id={inputId}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          className="sr-only"
          disabled={upload.state === 'sending'}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void send(file);
          }}
        />
      </div>
      <div aria-live="polite">
        {upload.state === 'sending' ? (
          <div className="space-y-1">
            <label className="block text-xs text-slate-700">
              {t('app.landing.image.uploading', { fileName: upload.fileName, fraction: upload.fraction })}
              <progress className="mt-1 block h-2 w-full" max={1} value={upload.fraction} />
            </label>
          </div>
        ) : null}
      </div>
      {upload.state === 'failed' ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {t('app.landing.image.notUploaded', { fileName: upload.fileName, reason: upload.message })}
        </p>
      ) : null}
    </div>
  );
}
