import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';
import { Locale, MessageKey, translate } from '../i18n';

/**
 * Trusted documents (issue 22): the portal's operations live in a committed manifest
 * (portal/trusted-documents.json, generated from portal/operations/ by `npm run -s portal:documents`).
 * A client may send `documentId` instead of the document's text; with TRUSTED_DOCUMENTS=anonymous a
 * request without a token is answered only for documents of the manifest, so the public cannot send
 * arbitrary documents. The id is `sha256:` + the hex SHA-256 of the text (scripts/trusted-documents.ts).
 */
export interface DocumentRefusal {
  refused: true;
  status: 400;
  /** The JSON error body: `{ errors: [{ message, extensions: { code } }] }`, its message in the request's language. */
  text: string;
}

const refusal = (code: string, key: MessageKey, locale: Locale): DocumentRefusal => ({
  refused: true,
  status: 400,
  text: JSON.stringify({ errors: [{ message: translate(locale, key), extensions: { code } }] }),
});

export class TrustedDocuments {
  private readonly texts: Set<string>;

  constructor(
    private readonly byId: ReadonlyMap<string, string>,
    private readonly policy: AppConfig['trustedDocuments'],
  ) {
    this.texts = new Set(byId.values());
  }

  static load(manifestFile: string, policy: AppConfig['trustedDocuments']): TrustedDocuments {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, string>;
    return new TrustedDocuments(new Map(Object.entries(manifest)), policy);
  }

  static fromPortal(portalDir: string, policy: AppConfig['trustedDocuments']): TrustedDocuments {
    return TrustedDocuments.load(path.join(portalDir, 'trusted-documents.json'), policy);
  }

  /** The document text of `id`, or undefined. */
  text(id: string): string | undefined {
    return this.byId.get(id);
  }

  /**
   * Puts the manifest's text in place of `documentId` (a copy of `body`), or says why the request is
   * refused: an unknown id, an id with another text beside it, or (TRUSTED_DOCUMENTS=anonymous) an
   * anonymous request with a document of its own. A refusal's message is in `locale()` (the request's
   * Accept-Language, else DEFAULT_LANGUAGE), asked for only when refusing: most requests are not.
   */
  resolve(body: Record<string, unknown>, anonymous: boolean, locale: () => Locale): { refused: false; body: Record<string, unknown> } | DocumentRefusal {
    let resolved = body;
    if (body.documentId !== undefined) {
      const text = typeof body.documentId === 'string' ? this.byId.get(body.documentId) : undefined;
      if (text === undefined) return refusal('PERSISTED_QUERY_NOT_FOUND', 'common.errors.unknownDocumentId', locale());
      if (body.query !== undefined && body.query !== text) return refusal('BAD_REQUEST', 'common.errors.documentIdAndQuery', locale());
      resolved = { ...body, query: text };
      delete resolved.documentId;
    }
    if (this.policy === 'anonymous' && anonymous && !(typeof resolved.query === 'string' && this.texts.has(resolved.query))) {
      return refusal('TRUSTED_DOCUMENT_REQUIRED', 'common.errors.trustedDocumentRequired', locale());
    }
    return { refused: false, body: resolved };
  }
}
