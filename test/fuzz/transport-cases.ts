import { png, pngDeclaring, SVG, truncated } from '../fixtures/images.ts';

/**
 * tRPC requests no client library would send: wrong content types, broken or odd JSON, superjson
 * meta that points nowhere or at the prototype, batches that do not add up, multipart bodies with
 * broken images. Each is sent to a public query, an authed query, an admin mutation and the upload.
 */

export interface RawCase {
  name: string;
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
  /** Appended to the URL as it is (already encoded, or deliberately not). */
  query?: string;
  contentType?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
}

const QUERY = 'signup.checkSlug';
const AUTHED = 'immersio.workshop.list';
const MUTATION = 'immersio.workshop.update';
const UPLOAD = 'immersio.landing.uploadAsset';

const DEEP = 20_000;

/** Bodies given as text on purpose: escapes like "\ud800" must reach the server's JSON parser as written. */
const BODIES: Record<string, string> = {
  'empty object': '{}',
  null: 'null',
  'bare array': '[]',
  'array of inputs': '[{"json":{"workshopId":1}}]',
  string: '"x"',
  number: '1e400',
  'invalid JSON': '{"json": {',
  'trailing garbage': '{"json":{}} x',
  'lone surrogate escape': '{"json":{"slug":"\\ud800","workshopId":1,"title":"\\udfff\\ud800"}}',
  'NUL escape': '{"json":{"slug":"a\\u0000b","workshopId":1,"title":"ab\\u0000c"}}',
  'BOM first': '\ufeff{"json":{}}',
  'duplicate keys': '{"json":{"workshopId":1,"workshopId":"x"}}',
  'proto key': '{"json":{"__proto__":{"admin":true}}}',
  'constructor.prototype key': '{"json":{"constructor":{"prototype":{"admin":true}}}}',
  'deeply nested arrays': `{"json":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`,
  'deeply nested objects': `{"json":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`,
  'huge number': '{"json":{"workshopId":1e999,"title":"Valid title"}}',
  'meta pointing nowhere': '{"json":{"workshopId":1},"meta":{"values":{"a.b.c":["Date"]}}}',
  'meta at the prototype': '{"json":{"workshopId":1},"meta":{"values":{"__proto__.polluted":["Date"]}}}',
  'meta constructor path': '{"json":{},"meta":{"values":{"constructor.prototype.polluted":["undefined"]}}}',
  'meta unknown class': '{"json":"x","meta":{"values":["class","Nope"]}}',
  'meta unknown custom': '{"json":{"workshopId":"x"},"meta":{"values":{"workshopId":["custom","Nope"]}}}',
  'meta wrong shape': '{"json":{"workshopId":1},"meta":"Date"}',
  'meta values number': '{"json":{"workshopId":1},"meta":{"values":5}}',
  'meta invalid date':
    '{"json":{"startTime":"+275760-09-13T00:00:00.001Z"},"meta":{"values":{"startTime":["Date"]}}}',
  'meta bigint':
    '{"json":{"workshopId":"99999999999999999999999"},"meta":{"values":{"workshopId":["bigint"]}}}',
  'meta NaN number': '{"json":{"workshopId":"NaN"},"meta":{"values":{"workshopId":["number"]}}}',
  'meta referential loop':
    '{"json":{"a":{},"b":{}},"meta":{"referentialEqualities":{"a":["a.x","b"],"b":["a"]}}}',
  'meta referential proto': '{"json":{"a":{}},"meta":{"referentialEqualities":{"a":["__proto__.x"]}}}',
  'meta map with object keys': '{"json":{"m":[[{"k":1},2]]},"meta":{"values":{"m":["map"]}}}',
  'meta error class': '{"json":{"message":"x"},"meta":{"values":["Error"]}}',
  'meta regexp': '{"json":"/(a+)+$/","meta":{"values":["regexp"]}}',
  'batch shaped': '{"0":{"json":{"workshopId":1}},"1":null,"x":1}',
};

const CONTENT_TYPES = [
  'text/plain',
  'text/plain;charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json-patch+json',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'multipart/form-data',
  'multipart/form-data; boundary=zz',
  '*/*',
  ';;;',
];

export async function transportCases(): Promise<RawCase[]> {
  const cases: RawCase[] = [];
  for (const path of [QUERY, AUTHED, MUTATION]) {
    const method = path === MUTATION ? 'POST' : 'GET';
    for (const [name, body] of Object.entries(BODIES)) {
      if (method === 'POST') cases.push({ name, path, method, contentType: 'application/json', body });
      else if (body.length < 4000)
        cases.push({ name, path, method, query: `input=${encodeURIComponent(body)}` });
    }
    for (const contentType of CONTENT_TYPES) {
      cases.push({
        name: `content-type ${contentType}`,
        path,
        method: 'POST',
        contentType,
        body: '{"json":{}}',
      });
    }
    cases.push(
      { name: 'no content type', path, method: 'POST', body: '{"json":{}}' },
      {
        name: 'invalid UTF-8',
        path,
        method: 'POST',
        contentType: 'application/json',
        body: bytes(0x7b, 0xff, 0xfe, 0x7d),
      },
      {
        name: 'body over the limit',
        path,
        method: 'POST',
        contentType: 'application/json',
        body: `{"json":"${'x'.repeat(1_100_000)}"}`,
      },
      { name: 'input not JSON', path, method: 'GET', query: 'input=%7B' },
      { name: 'input broken escape', path, method: 'GET', query: 'input=%ZZ%E0%A4%A' },
      { name: 'input twice', path, method: 'GET', query: 'input=%7B%7D&input=1' },
      { name: 'input as object', path, method: 'GET', query: 'input[json]=1' },
      { name: 'batch of one', path, method, query: 'batch=1&input=%7B%220%22%3A%7B%7D%7D' },
      { name: 'batch with a string input', path, method, query: 'batch=1&input=%22x%22' },
      { name: 'batch input array', path, method, query: 'batch=1&input=%5B1%2C2%5D' },
      { name: 'streaming accept', path, method, headers: { 'trpc-accept': 'application/jsonl' } },
      { name: 'PUT', path, method: 'PUT', contentType: 'application/json', body: '{}' },
      { name: 'DELETE', path, method: 'DELETE' },
      { name: 'OPTIONS', path, method: 'OPTIONS' },
    );
  }
  const batchOf = (n: number, paths: string[]) =>
    Array.from({ length: n }, (_, i) => paths[i % paths.length]).join(',');
  cases.push(
    { name: 'batch over the limit', path: batchOf(25, [QUERY]), method: 'GET', query: 'batch=1' },
    {
      name: 'batch of mixed types',
      path: batchOf(2, [QUERY, MUTATION]),
      method: 'GET',
      query: 'batch=1&input=%7B%7D',
    },
    {
      name: 'batch of unknown paths',
      path: 'nope,__proto__,constructor,toString',
      method: 'GET',
      query: 'batch=1',
    },
    {
      name: 'batch of empty paths',
      path: ',,',
      method: 'POST',
      query: 'batch=1',
      contentType: 'application/json',
      body: '{}',
    },
  );
  for (const path of [
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'viewer',
    'viewer.',
    '.',
    'immersio..tenant.get',
    '%E0%A4%A',
    'a%00b',
  ]) {
    cases.push(
      { name: `path ${path}`, path, method: 'GET' },
      { name: `path ${path}`, path, method: 'POST', contentType: 'application/json', body: '{}' },
    );
  }
  return [...cases, ...(await uploadCases())];
}

function bytes(...values: number[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(values);
}

/** The upload's multipart form with broken, hostile and oversized images and odd field values. */
async function uploadCases(): Promise<RawCase[]> {
  const image = await png();
  const files: Record<string, { data: Uint8Array<ArrayBuffer>; name: string; type: string }> = {
    'truncated PNG': { data: new Uint8Array(truncated(image)), name: 'a.png', type: 'image/png' },
    'PNG declaring 60000×60000': {
      data: new Uint8Array(pngDeclaring(60_000, 60_000)),
      name: 'b.png',
      type: 'image/png',
    },
    SVG: { data: new Uint8Array(SVG), name: 'c.svg', type: 'image/svg+xml' },
    'empty file': { data: new Uint8Array(0), name: '', type: '' },
    'hostile file name': {
      data: new Uint8Array(image),
      name: 'a\u0000\u202e/../../x.png',
      type: 'image/png\u0000',
    },
    'text as image': {
      data: new TextEncoder().encode('GIF89a\u0000\u0000hello'),
      name: 'x.gif',
      type: 'image/gif',
    },
  };
  const cases: RawCase[] = [];
  for (const assetType of ['logo', 'hero', 'teacher_avatar', 'nope', '\u0000', '']) {
    for (const [name, file] of Object.entries(files)) {
      const form = new FormData();
      form.set('assetType', assetType);
      form.set('file', new Blob([file.data], { type: file.type }), file.name);
      cases.push({
        name: `upload ${name} as ${JSON.stringify(assetType)}`,
        path: UPLOAD,
        method: 'POST',
        body: form,
      });
    }
  }
  const twoFiles = new FormData();
  twoFiles.append('assetType', 'logo');
  twoFiles.append('file', new Blob([new Uint8Array(image)]), 'a.png');
  twoFiles.append('file', new Blob([new Uint8Array(image)]), 'b.png');
  cases.push(
    { name: 'upload with two files', path: UPLOAD, method: 'POST', body: twoFiles },
    {
      name: 'upload, broken multipart',
      path: UPLOAD,
      method: 'POST',
      contentType: 'multipart/form-data; boundary=zz',
      body: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0000\u0000',
    },
    {
      name: 'upload, JSON data URL',
      path: UPLOAD,
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({
        json: { assetType: 'logo', file: `data:image/png;base64,${truncated(image).toString('base64')}` },
      }),
    },
  );
  return cases;
}
