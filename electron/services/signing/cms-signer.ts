import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import { createHash, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
} as const;

export interface SigningMaterial {
  /** The private key, as Node's key object. */
  key: KeyObject;
  /** The certificate of the key first, then the rest of the chain. */
  chain: pkijs.Certificate[];
}

/**
 * The certificate set of a material (`certificates [0] IMPLICIT SET OF Certificate`), encoded once: pkijs re-derives a
 * certificate's structure on every encode (~0.6 ms each), and even re-encoding a decoded tree costs ~0.8 ms a
 * signature. Carried as one block whose content is the certificates' DER, tagged [0] constructed: the same bytes.
 */
const certificateSets = new WeakMap<SigningMaterial, Uint8Array>();
function certificateSet(material: SigningMaterial): asn1js.Primitive {
  let der = certificateSets.get(material);
  if (!der) {
    der = Buffer.concat(material.chain.map((c) => Buffer.from(c.toSchema().toBER(false))));
    certificateSets.set(material, der);
  }
  const set = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: der });
  set.idBlock.isConstructed = true;
  return set;
}

/**
 * The signer's IssuerAndSerialNumber, encoded once and kept as a decoded tree: pkijs re-parses the issuer's name on
 * every encode (~0.2 ms a signature).
 */
const signerIds = new WeakMap<SigningMaterial, asn1js.Sequence>();
function signerId(material: SigningMaterial): asn1js.Sequence {
  let sid = signerIds.get(material);
  if (!sid) {
    const [leaf] = material.chain;
    const der = new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber })
      .toSchema()
      .toBER(false);
    sid = asn1js.fromBER(der).result as asn1js.Sequence;
    signerIds.set(material, sid);
  }
  return sid;
}

const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

/**
 * The key and chain out of our sealed .p12 (identity.ts makes and re-packs it: one shrouded key bag, the chain in
 * cert bags). node-forge only opens the container; everything cryptographic after that is Node's.
 */
export function materialFromP12(p12: Buffer, password: string): SigningMaterial {
  const pfx = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))),
    false,
    password,
  );
  const key = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0]
    ?.key as forge.pki.rsa.PrivateKey | undefined;
  const certs = (pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  if (!key) throw new Error('The signing .p12 holds no private key');
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!leaf) throw new Error('The signing .p12 holds no certificate for its private key');
  const pkcs8 = der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)));
  return {
    key: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    chain: [leaf, ...certs.filter((c) => c !== leaf)].map((c) =>
      pkijs.Certificate.fromBER(new Uint8Array(der(forge.pki.certificateToAsn1(c)))),
    ),
  };
}

const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
/** An AlgorithmIdentifier with NULL parameters, as pkijs writes one. */
const algorithm = (id: string) => new asn1js.Sequence({ value: [oid(id), new asn1js.Null()] });
const attribute = (type: string, value: asn1js.AsnType) =>
  new asn1js.Sequence({ value: [oid(type), new asn1js.Set({ value: [value] })] });
/** [0]: the tag of SignerInfo's signedAttrs (IMPLICIT) and of ContentInfo's content and SignedData's certificates. */
const tagged0 = (value: asn1js.AsnType[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value });

/**
 * A detached CMS SignedData (adbe.pkcs7.detached) over the bytes @signpdf hands in, laid out with asn1js as pkijs's
 * SignedData, SignerInfo and ContentInfo write it (the same DER; their objects re-derived every part on each encode):
 * SHA-256 and RSA PKCS#1 v1.5 from node:crypto (OpenSSL, synchronous), signed attributes contentType, signingTime
 * and messageDigest in that order (what the EU DSS validator expects). Signs once, like every @signpdf signer.
 */
export class NodeCmsSigner extends Signer {
  private used = false;

  constructor(private readonly material: SigningMaterial) {
    super();
  }

  override async sign(pdf: Buffer, signingTime: Date = new Date()): Promise<Buffer> {
    if (this.used) throw new Error('A signer signs once');
    this.used = true;
    const signedAttrs = [
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: signingTime })),
      attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: createHash('sha256').update(pdf).digest() })),
    ];
    // The signature covers the DER of the attributes as a SET OF (tag 0x31), not as the [0] IMPLICIT they travel under.
    const attrs = Buffer.from(new asn1js.Set({ value: signedAttrs }).toBER(false));
    // SignerInfo (RFC 5652 5.3), version 1: the signer by issuer and serial number.
    const signerInfo = new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 1 }),
        signerId(this.material),
        algorithm(OID.sha256),
        tagged0(signedAttrs),
        algorithm(OID.sha256WithRSA),
        new asn1js.OctetString({ valueHex: cryptoSign('sha256', attrs, this.material.key) }),
      ],
    });
    // SignedData (RFC 5652 5.1), version 1, with the certificates encoded once.
    const signedData = new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 1 }),
        new asn1js.Set({ value: [algorithm(OID.sha256)] }),
        new asn1js.Sequence({ value: [oid(OID.data)] }),
        certificateSet(this.material),
        new asn1js.Set({ value: [signerInfo] }),
      ],
    });
    const contentInfo = new asn1js.Sequence({ value: [oid(OID.signedData), tagged0([signedData])] });
    return Buffer.from(contentInfo.toBER(false));
  }
}
