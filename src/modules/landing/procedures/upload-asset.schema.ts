import { z } from 'zod';
import { ASSET_TYPES } from '../assets.service.ts';

/**
 * The file of a JSON upload, for clients that cannot send multipart/form-data: `{ name?, data }`
 * with `data` in base64, or a `data:` URL string with a base64 payload. The declared type of a
 * data URL and the name are ignored: the content decides what the file is.
 */
export type JsonFile = { name?: string; data: string } | string;

/**
 * What a client sends: a FormData with the fields `assetType` and `file` (tRPC's `httpLink`
 * sends it as multipart/form-data), or the same two fields as JSON with a `JsonFile`.
 */
export type UploadAssetRequest = FormData | { assetType: (typeof ASSET_TYPES)[number]; file: JsonFile };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const DATA_URL = /^data:([^,]*),/i;

const HOW_TO_SEND = 'a multipart/form-data file field, or in JSON {"data": "<base64>"} or a base64 data: URL';

/** A FormData's two fields, as the object the JSON variant sends. */
function fieldsOf(request: UploadAssetRequest): unknown {
  if (!(request instanceof FormData)) return request;
  const files = request.getAll('file');
  return {
    assetType: request.get('assetType') ?? undefined,
    // More than one file is ambiguous; the check below names it.
    file: files.length > 1 ? files : files[0],
  };
}

function decodeBase64(value: string, ctx: z.RefinementCtx): Buffer | typeof z.NEVER {
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact)) {
    ctx.addIssue({ code: 'custom', message: 'is not valid base64' });
    return z.NEVER;
  }
  return Buffer.from(compact, 'base64');
}

async function fileBytes(value: unknown, ctx: z.RefinementCtx): Promise<Buffer | typeof z.NEVER> {
  if (value instanceof Blob) return Buffer.from(await value.arrayBuffer());
  if (typeof value === 'string') {
    const header = DATA_URL.exec(value);
    if (!header) {
      ctx.addIssue({ code: 'custom', message: `must be a file (${HOW_TO_SEND}), not a plain string` });
      return z.NEVER;
    }
    if (!/;base64$/i.test(header[1]!)) {
      ctx.addIssue({ code: 'custom', message: 'data: URL must be base64-encoded (data:<type>;base64,...)' });
      return z.NEVER;
    }
    return decodeBase64(value.slice(header[0].length), ctx);
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { data, name } = value as { data?: unknown; name?: unknown };
    if (name !== undefined && typeof name !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'must be a string' });
    }
    if (typeof data !== 'string') {
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: 'must be the file content as a base64 string',
      });
      return z.NEVER;
    }
    return decodeBase64(data, ctx);
  }
  if (Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be one file, not several' });
  } else {
    const message = value === undefined ? `is required: send ${HOW_TO_SEND}` : `must be ${HOW_TO_SEND}`;
    ctx.addIssue({ code: 'custom', message });
  }
  return z.NEVER;
}

const fields = z.object({
  assetType: z.enum(ASSET_TYPES, { error: `must be one of ${ASSET_TYPES.join(', ')}` }),
  file: z.unknown().transform(fileBytes),
});

export const uploadAssetInput = z
  .custom<UploadAssetRequest>(
    (value) =>
      value instanceof FormData || (typeof value === 'object' && value !== null && !Array.isArray(value)),
    {
      error:
        'must be multipart/form-data with the fields assetType and file, or a JSON object {assetType, file}',
    },
  )
  .transform(fieldsOf)
  .pipe(fields)
  .transform(({ assetType, file }) => ({ assetType, bytes: file }));

export const uploadAssetOutput = z.object({ success: z.boolean(), url: z.string(), assetId: z.string() });
