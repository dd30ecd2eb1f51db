import type { HandoverFieldsInput } from '../../electron/api/schemas/handover';
import { kyrgyzHandover, type TestApp } from './context';
import { samplePng } from './signature-png';

/** The two signatures every report needs, by the people the record names, as the signing screen adds them. */
export async function signBoth(app: TestApp, handoverId: string, data = kyrgyzHandover(), headTitle?: string) {
  await app.must('report:sign', {
    handoverId,
    role: 'handing_official',
    signerName: String(data.handingOfficialName),
    fileId: app.choose(samplePng(1), 'signaturePng'),
  });
  await app.must('report:sign', {
    handoverId,
    role: 'delegation_head',
    signerName: String(data.delegationHeadName),
    ...(headTitle === undefined ? {} : { signerTitle: headTitle }),
    fileId: app.choose(samplePng(2), 'signaturePng'),
  });
}

/** A record created, signed by both required signers and finalized: ready for its report. */
export async function signedRecord(app: TestApp, data: HandoverFieldsInput = kyrgyzHandover()) {
  const d = await app.must('handovers:create', { data });
  await signBoth(app, d.id, data);
  return app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
}
