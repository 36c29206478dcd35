import type { AssetType } from './landing-form-model.ts';

// uploadAsset over XMLHttpRequest, the one browser API that reports upload progress: the same
// multipart/form-data call tRPC's httpLink makes (README, "uploadAsset"), read in tRPC's wire format.

export const UPLOAD_PATH = '/api/trpc/immersio.landing.uploadAsset';

export interface UploadResult {
  url: string;
  assetId: string;
}

/** The server's refusal, with its spec code (`VALIDATION_ERROR`, `PAYLOAD_TOO_LARGE`, …). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string,
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

/** "file: is 6000000 bytes; …" → "The file is 6000000 bytes; …": the server names the field. */
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
      const message =
        readable(refusal?.data?.issues?.[0] ?? refusal?.message) ??
        (xhr.status === 413 ? 'The file is too large: the largest upload is 5 MiB.' : undefined) ??
        `The upload failed (${xhr.status || 'no answer'}).`;
      reject(new UploadError(message, refusal?.data?.appCode ?? answer?.code ?? 'ERROR'));
    };
    xhr.onerror = () => reject(new UploadError('The upload failed: the connection was lost.', 'NETWORK'));
    xhr.onabort = () => reject(new UploadError('The upload was cancelled.', 'ABORTED'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('assetType', assetType);
    form.append('file', file);
    xhr.send(form);
  });
}
