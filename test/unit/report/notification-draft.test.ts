import { describe, expect, it } from 'vitest';
import { buildNotification } from '../../../src/report/notification/build.js';
import { controllerFileSchema } from '../../../src/report/notification/controller.js';
import { renderNotificationMd } from '../../../src/report/notification/render-md.js';
import { notificationSchema } from '../../../src/report/notification/schema.js';
import { stringsFor } from '../../../src/report/i18n/lang.js';
import { at } from '../../helpers/evidence-builder.js';
import { reportInput } from './report-fixture.js';

const FILES = ['evidence.json', 'findings.json', 'report.html'];

describe('buildNotification (notification.json)', () => {
  it('states what the scan knows and marks the rest for the controller, valid against its schema', () => {
    const n = notificationSchema.parse(buildNotification(reportInput(), FILES));
    expect(n.schemaVersion).toBe(1);
    expect(n.nature).toMatchObject({ source: 'scan', phase: 'final' });
    expect(n.nature.value).toMatchObject({ breachType: 'confidentiality', description: 'unauthorised-disclosure-to-third-parties', consentStates: ['none'] });
    expect(n.nature.value!.recipients).toEqual(['Meta Platforms Ireland Ltd', 'px.tracker-unknown.test']);
    expect(n.nature.value!.forms).toEqual([expect.objectContaining({ formId: 'f1', triggers: ['input', 'submit'], beforeSubmit: true })]);
    for (const e of [n.controller.organisation, n.contactPoint, n.timing.awareAt, n.dataSubjects.approxNumber, n.personalData.approxRecords, n.measures.taken]) {
      expect(e).toEqual({ value: null, source: 'to-complete', phase: 'to-follow' });
    }
    expect(n.documentation).toEqual({ manifest: 'manifest.json', files: FILES, findingIds: ['F-meta-get', 'F-meta-post', 'F-unknown'] });
  });

  it('names each recipient with its country, and a third-country transfer when the parent is outside the EEA', () => {
    const recipients = buildNotification(reportInput(), FILES).recipients.value!;
    expect(recipients[0]).toMatchObject({
      legalEntity: { name: 'Meta Platforms Ireland Ltd', country: 'IE' }, parent: { name: 'Meta Platforms, Inc.', country: 'US' },
      thirdCountryTransfer: true, thirdCountries: ['US'], categories: [{ category: 'email', hashes: ['SHA-256'], inClear: false }],
    });
    expect(recipients[1]).toMatchObject({ tracker: 'unknown', thirdCountryTransfer: false, categories: [{ category: 'email', hashes: [], inClear: true }] });
    expect(recipients[1]!.legalEntity).toBeUndefined();
  });

  it('without history says the scan detected it first; with history gives the incident period', () => {
    const alone = buildNotification(reportInput(), FILES).timing.period;
    expect(alone).toEqual({ value: { basis: 'this-scan', firstDetectedAt: at(1) }, source: 'scan', phase: 'to-follow' });
    const periods = {
      'fp-F-meta-get': { firstSeenAt: '2021-03-10T08:00:00.000Z', lastSeenAt: '2021-06-04T08:00:00.000Z', lastCleanBeforeAt: '2021-03-09T08:00:00.000Z' },
      'fp-F-meta-post': { firstSeenAt: '2021-03-11T08:00:00.000Z', lastSeenAt: '2021-06-03T08:00:00.000Z' },
    };
    const withHistory = buildNotification(reportInput({ periods }), FILES).timing.period;
    expect(withHistory).toEqual({
      value: { basis: 'history', firstDetectedAt: at(1), firstSeenAt: '2021-03-10T08:00:00.000Z', lastSeenAt: '2021-06-04T08:00:00.000Z', lastCleanBeforeAt: '2021-03-09T08:00:00.000Z' },
      source: 'history', phase: 'final',
    });
  });

  it('prefills from --controller and marks those fields final (Art. 33(4))', () => {
    const controller = controllerFileSchema.parse({
      organisation: { name: 'Tryggbo Försäkring AB', orgNumber: '556000-0000', country: 'se' },
      dpo: { name: 'Dataskyddsombudet', email: 'dso@example.se' }, approxDataSubjects: 12000, measuresTaken: ['AAM switched off 2026-03-02'],
      dataSubjectsInformed: { decision: 'will-inform' },
    });
    const n = buildNotification(reportInput({ controller }), FILES);
    expect(n.controller.organisation).toEqual({ value: 'Tryggbo Försäkring AB', source: 'controller', phase: 'final' });
    expect(n.controller.country.value).toBe('SE');
    expect(n.dataSubjects.approxNumber.value).toBe('12000');
    expect(n.contactPoint.value).toEqual({ name: 'Dataskyddsombudet', email: 'dso@example.se' });
    expect(n.phasing.final).toEqual(expect.arrayContaining(['controller.organisation', 'contactPoint', 'measures.taken', 'nature']));
    expect(n.phasing.toFollow).toEqual(expect.arrayContaining(['timing.awareAt', 'personalData.approxRecords', 'dataSubjectNotice.reason']));
    expect(n.phasing.toFollow).not.toContain('controller.organisation');
  });

  it('recommends switching off automatic matching for udff parameters and lists consequences', () => {
    const input = reportInput();
    input.findings.findings[1]!.parameter = 'body.form.udff[em]';
    const n = buildNotification(input, FILES);
    expect(n.measures.recommended.value).toEqual(expect.arrayContaining(['remove-or-reconfigure-tag', 'disable-automatic-matching', 'ask-recipient-to-delete', 'fix-consent', 'rescan-to-confirm']));
    expect(n.consequences.value).toEqual(expect.arrayContaining(['profile-matching', 'third-country-access', 'in-clear']));
    expect(n.personalData.hashed).toBe(true);
  });

  it('says plainly when a scan found nothing to notify', () => {
    const input = reportInput();
    input.findings.findings = [];
    const n = notificationSchema.parse(buildNotification(input, FILES));
    expect(n.findings).toEqual([]);
    expect(renderNotificationMd(n, stringsFor('sv'))).toContain('tycks ingen anmälan behövas');
  });

  it('rejects a controller file with a wrong field, naming it', () => {
    const parsed = controllerFileSchema.safeParse({ organisation: { name: 'X', country: 'Sweden' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['organisation', 'country']);
  });
});
