// Verifies a Sigstore bundle with a public key, offline, using sigstore-js (@sigstore/bundle, @sigstore/verify):
// an independent check of the bundles GoImage writes. A key-based bundle has no transparency-log entry
// and no timestamp, so the thresholds for those are 0 (what `cosign verify --insecure-ignore-tlog` accepts).
//   node verify-bundle.js <bundle.json> <public-key.pem>
// Prints "verified" and exits 0, or prints the reason and exits 1.
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, keyPath] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  // The trusted key as a trusted root lists one: DER SubjectPublicKeyInfo, found by the bundle's hint.
  const rawBytes = crypto.createPublicKey(fs.readFileSync(keyPath, 'utf8')).export({ type: 'spki', format: 'der' });
  const hint = bundle.verificationMaterial.content.$case === 'publicKey' ? bundle.verificationMaterial.content.publicKey.hint : '';
  const root = { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] };
  const trust = toTrustMaterial(root, { [hint]: { rawBytes } });
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  verifier.verify(toSignedEntity(bundle));
  console.log('verified');
} catch (e) {
  console.log(`not verified: ${e.code || ''} ${e.message}`);
  process.exit(1);
}
