import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { ProblemSink } from '../imports/importer';

/**
 * The files of one upload: the upload itself, or each entry of a zip of them. A zip is recognised
 * by its first bytes (PK\x03\x04), whatever its name. yauzl reads a zip from its central directory
 * at the end, so a zip is held in memory once (it is within the import's size limit); each entry is
 * then inflated as a stream, one at a time.
 */
export interface NamedFile {
  name: string;
  input: Readable;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** No entry of a zip may inflate to more than this (a zip bomb is refused, not inflated). */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

async function* bytesOf(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip))));
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/** The upload's files (`name`: the upload's own name, when known). Problems of the zip itself go to `problems`. */
export async function* filesOf(input: Readable, name: string | undefined, problems: ProblemSink, ending: string): AsyncGenerator<NamedFile> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < ZIP_MAGIC.length) {
    const next = await source.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  const label = name ?? 'the file';
  if (!head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    yield { name: label, input: Readable.from(bytesOf(head, source)) };
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of bytesOf(head, source)) chunks.push(chunk);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(Buffer.concat(chunks));
  } catch (error) {
    problems.add({ line: null, field: label, key: 'statistics.zip.unreadableStart', params: { file: label, reason: (error as Error).message.slice(0, 200) } });
    return;
  }
  try {
    let files = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (entry.fileName.endsWith('/')) continue;
      const entryName = `${label}/${entry.fileName.slice(0, 200)}`;
      if (!entry.fileName.toLowerCase().endsWith(ending)) {
        problems.add({ line: null, field: entryName, key: 'statistics.zip.wrongEnding', params: { file: entryName, ending } });
        continue;
      }
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
        problems.add({ line: null, field: entryName, key: 'statistics.zip.tooLarge', params: { file: entryName, megabytes: MAX_ENTRY_BYTES / 1024 / 1024 } });
        continue;
      }
      files += 1;
      yield { name: entryName, input: await entryStream(zip, entry) };
    }
    if (files === 0) problems.add({ line: null, field: label, key: 'statistics.zip.empty', params: { file: label, ending } });
  } catch (error) {
    problems.add({ line: null, field: label, key: 'statistics.zip.unreadable', params: { file: label, reason: (error as Error).message.slice(0, 200) } });
  } finally {
    zip.close();
  }
}

/** ISO-8859-1 / Windows-1252 / UTF-8 as the XML declaration says (UTF-8 when it says nothing); text out. */
export async function* xmlText(input: Readable): AsyncGenerator<string> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < 200) {
    const next = await source.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  const declaration = /^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.toString('latin1'));
  const encoding = (declaration?.[1] ?? 'utf-8').toLowerCase();
  if (!iconv.encodingExists(encoding)) throw new UnreadableXml(`the encoding "${encoding}" of its XML declaration is not one this import reads (UTF-8, ISO-8859-1, Windows-1252)`);
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of bytesOf(head, source)) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export class UnreadableXml extends Error {}
