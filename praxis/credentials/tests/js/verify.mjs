// Verifies a Praxis credential with Digital Bazaar's implementation, fully offline.
// Input (JSON on stdin): {credential, didDocument, statusLists: {url: statusListCredential}}.
// Output (JSON on stdout): {verified, errors}.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const input = JSON.parse(readFileSync(0, 'utf8'));
const contextsDir = new URL('../../contexts/', import.meta.url);
const contexts = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-v3p0-context-3.0.3.json',
};

const didDocument = input.didDocument;
const statusLists = input.statusLists || {};

async function documentLoader(url) {
  if(contexts[url]) {
    const document = JSON.parse(readFileSync(new URL(contexts[url], contextsDir), 'utf8'));
    return {contextUrl: null, documentUrl: url, document};
  }
  if(didDocument && url === didDocument.id) {
    return {contextUrl: null, documentUrl: url, document: didDocument};
  }
  if(didDocument && url.startsWith(didDocument.id + '#')) {
    const method = didDocument.verificationMethod.find(m => m.id === url);
    if(method) {
      return {
        contextUrl: null, documentUrl: url,
        document: {'@context': 'https://w3id.org/security/multikey/v1', ...method},
      };
    }
  }
  if(statusLists[url]) {
    return {contextUrl: null, documentUrl: url, document: statusLists[url]};
  }
  throw new Error(`document not available offline: ${url}`);
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});

// Bitstring Status List: entry i is statusSize bits (1 unless stated) from the left of the
// gunzipped list; a non-zero entry is reported with its status message when there is one.
async function checkStatus({credential}) {
  const entries = [].concat(credential.credentialStatus || []);
  for(const entry of entries) {
    const list = statusLists[entry.statusListCredential];
    if(!list) {
      return {verified: false, error: new Error(`no status list ${entry.statusListCredential}`)};
    }
    const listResult = await vc.verifyCredential({credential: list, suite, documentLoader});
    if(!listResult.verified) {
      return {verified: false, error: new Error('status list credential does not verify')};
    }
    const encoded = list.credentialSubject.encodedList;
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const size = Number(entry.statusSize || 1);
    const index = Number(entry.statusListIndex);
    let value = 0;
    for(let offset = 0; offset < size; offset++) {
      const position = index * size + offset;
      value = (value << 1) | ((bits[position >> 3] >> (7 - (position & 7))) & 1);
    }
    if(value) {
      const known = (entry.statusMessage || []).find(m => Number(m.status) === value);
      const label = known ? known.message : entry.statusPurpose;
      return {verified: false, error: new Error(`status ${label} is set`)};
    }
  }
  return {verified: true};
}

try {
  const result = await vc.verifyCredential({
    credential: input.credential, suite, documentLoader,
    checkStatus: input.credential.credentialStatus ? checkStatus : undefined,
  });
  const errors = [];
  if(result.error) {
    errors.push(...[].concat(result.error.errors || result.error).map(e => String(e.message || e)));
  }
  for(const r of result.results || []) {
    if(r.error) errors.push(String(r.error.message || r.error));
  }
  if(result.statusResult && result.statusResult.error) {
    errors.push(String(result.statusResult.error.message));
  }
  process.stdout.write(JSON.stringify({verified: result.verified, errors}));
} catch(e) {
  process.stdout.write(JSON.stringify({verified: false, errors: [String(e.message || e)]}));
}
