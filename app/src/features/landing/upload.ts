import type { AppMessageKey, MessageValues } from '../../lib/i18n/i18n.tsx';
import type { AssetType } from './landing-form-model.ts';

// uploadAsset over XMLHttpRequest, the one browser API that reports upload progress: the same
// multipart/form-data call tRPC's httpLink makes (docs/api.md, "Uploads"), read in tRPC's wire format.

export const UPLOAD_PATH = '/api/trpc/immersio.landing.uploadAsset';

export interface UploadResult {
  url: string;
  assetId: string;
}

/**
 * A failed upload, with its spec code (`VALIDATION_ERROR`, `PAYLOAD_TOO_LARGE`, …). `message` is
 * the server's own (English) detail, when it gave one; `text` is this app's message otherwise.
 */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly text?: { key: AppMessageKey; values?: MessageValues },
  ) {
    super(message);
  }
}

interface WireAnswer {
  result?: { data?: { json?: Partial<UploadResult> } };
  error?: {
    json?: { message?: string; data?: { appCode?: string; issues?: { path: string; message: string }[] } };
  };
  /** REST-shaped refusals (the body cut off before tRPC read it). */
  code?: string;
}

function parse(text: string): WireAnswer | undefined {
  try {
    return JSON.parse(text) as WireAnswer;
  } catch {
    return undefined;
  }
}

/**
 * "file: is 6000000 bytes; …" → "The file is 6000000 bytes; …": the server names the field. The
 * server writes its details in English, shown only to English readers (see useErrorText).
 */
function readable(issue: { path: string; message: string } | string | undefined): string | undefined {
  if (issue === undefined) return undefined;
  const text = typeof issue === 'string' ? issue.replace(/^file: /, '') : issue.message;
  const sentence = /^(is|has|could|took|must)\b/.test(text)
    ? `The file ${text}`
    : text.charAt(0).toUpperCase() + text.slice(1);
  return /[.)]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * Sends `file` as the school's logo, hero image or teacher photo; `onProgress` gets 0–1 as the
 * bytes leave. The server checks type, size and megapixels and saves the setting itself.
 */
export function uploadImage(
  assetType: AssetType,
  file: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', UPLOAD_PATH);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const answer = parse(xhr.responseText);
      const data = answer?.result?.data?.json;
      if (xhr.status >= 200 && xhr.status < 300 && data?.url && data.assetId) {
        onProgress(1);
        resolve({ url: data.url, assetId: data.assetId });
        return;
      }
      const refusal = answer?.error?.json;
      const code = refusal?.data?.appCode ?? answer?.code ?? 'ERROR';
      const detail = readable(refusal?.data?.issues?.[0] ?? refusal?.message);
      if (detail) {
        reject(new UploadError(detail, code));
        return;
      }
      const text: { key: AppMessageKey; values?: MessageValues } =
        xhr.status === 413
          ? { key: 'app.landing.upload.tooLarge' }
          : xhr.status
            ? { key: 'app.landing.upload.failedStatus', values: { status: String(xhr.status) } }
            : { key: 'app.landing.upload.noAnswer' };
      reject(new UploadError('', code, text));
    };
    xhr.onerror = () => reject(new UploadError('', 'NETWORK', { key: 'app.landing.upload.connectionLost' }));
    xhr.onabort = () => reject(new UploadError('', 'ABORTED', { key: 'app.landing.upload.cancelled' }));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('assetType', assetType);
    form.append('file', file);
    xhr.send(form);
  });
}
