// Request and response bodies as the SDK handles them: PutObject accepts string, bytes, Node and web streams and
// Blobs; GetObject returns a Node Readable carrying the SDK's stream mixin (transformToString/ByteArray/WebStream,
// each usable once, like the real one).
import { Readable } from 'node:stream';

export async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof ReadableStream) return Buffer.from(await new Response(body).arrayBuffer());
  throw new TypeError(`sandbox S3: unsupported Body type ${Object.prototype.toString.call(body)}`);
}

export type SdkStream = Readable & {
  transformToByteArray(): Promise<Uint8Array>;
  transformToString(encoding?: string): Promise<string>;
  transformToWebStream(): ReadableStream;
};

export function sdkStream(bytes: Buffer): SdkStream {
  const stream = Readable.from([bytes]) as SdkStream;
  let transformed = false;
  const once = () => {
    if (transformed) throw new Error('The stream has already been transformed.');
    transformed = true;
  };
  stream.transformToByteArray = async () => {
    once();
    return new Uint8Array(bytes);
  };
  stream.transformToString = async (encoding = 'utf-8') => {
    once();
    return new TextDecoder(encoding).decode(bytes);
  };
  stream.transformToWebStream = () => {
    once();
    return Readable.toWeb(stream) as ReadableStream;
  };
  return stream;
}
