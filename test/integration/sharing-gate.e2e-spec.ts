import { addAction, COMPLETE_SBAR, createLesson, step } from '../support/lesson-factory';
import {
  createUserAndSignIn,
  errorCode,
  type SignedIn,
  type TestNode,
  startNodeWithStaff,
} from '../support/test-node';

const PLANTED = {
  name: 'Winifred Ashworth',
  nhs: '943 476 5919',
  staff: 'Okonkwo',
  dob: '14/02/1938',
  phone: '07700 900461',
  postcode: 'LS6 2QB',
  bed: 'bed 14',
  email: 'w.ashworth@example.org',
};

const FINDINGS = `query($id: ID!) { lessonFindings(lessonId: $id) { id field type text status } }`;
const SCAN = `mutation($id: ID!) { scanLesson(lessonId: $id) { id field type text status } }`;
const DECIDE = `mutation($i: DecideFindingInput!) { decideFinding(input: $i) { id status reason } }`;
const PROJECTION = `query($id: ID!) { lessonProjection(lessonId: $id) { field text } }`;

type Finding = { id: string; field: string; type: string; text: string; status: string };

describe('the sharing gate: nothing identifiable leaves the node', () => {
  let node: TestNode;
  let lead: SignedIn;
  let author: SignedIn;
  let reviewer: SignedIn;

  beforeAll(async () => {
    ({
      node,
      staff: { lead, author, reviewer },
    } = await startNodeWithStaff());
  });
  afterAll(() => node.close());

  it('plants identifiers in every shared field; the lesson cannot be shared until each is decided; the projection holds none', async () => {
    const lesson = await createLesson(node, author, {
      ...COMPLETE_SBAR,
      visibility: 'NETWORK',
      title: `Fall of Mrs ${PLANTED.name} in ${PLANTED.bed}`,
      summary: `Mrs ${PLANTED.name} (NHS ${PLANTED.nhs}, DOB ${PLANTED.dob}) fell at night.`,
      specialty: 'Care of older people',
      sections: [
        {
          key: 'situation',
          text: `Staff Nurse ${PLANTED.staff} found her on the floor of ${PLANTED.bed}.`,
        },
        {
          key: 'background',
          text: `Her daughter (${PLANTED.phone}, ${PLANTED.email}) lives at ${PLANTED.postcode}.`,
        },
        { key: 'assessment', text: `Winifred had not had a falls assessment since admission.` },
        { key: 'recommendations', text: 'Repeat the falls assessment when sedation changes.' },
      ],
      keyLearningPoints: [`Ashworth's fall was preventable`, 'Reassess after medication changes'],
    });
    await addAction(node, author, lesson.id, {
      description: `Staff Nurse ${PLANTED.staff} to audit falls assessments on the ward`,
    });
    const known = await node.gql(
      `mutation($i: AddKnownIdentifierInput!) { addKnownIdentifier(input: $i) { id type } }`,
      { i: { lessonId: lesson.id, type: 'NAME', value: PLANTED.name } },
      author.accessToken,
    );
    expect(known.errors).toBeUndefined();
    await step(node, author, 'submitLesson', lesson.id);
    await step(node, reviewer, 'approveLesson', lesson.id);

    expect(errorCode(await step(node, lead, 'publishLesson', lesson.id))).toBe('FINDINGS_STALE');
    const scanned = await node.gql<{ scanLesson: Finding[] }>(
      SCAN,
      { id: lesson.id },
      reviewer.accessToken,
    );
    expect(scanned.errors).toBeUndefined();
    const findings = scanned.data!.scanLesson;
    const foundTexts = findings.map((f) => f.text).join(' | ');
    for (const value of [...Object.values(PLANTED), 'Winifred', 'Ashworth'])
      expect(foundTexts).toContain(value.split(' ')[0]!);
    expect(new Set(findings.map((f) => f.field))).toEqual(
      new Set([
        'title',
        'summary',
        'sections.situation',
        'sections.background',
        'sections.assessment',
        'keyLearningPoints.0',
        expect.stringMatching(/^actions\..+\.description$/) as unknown as string,
      ]),
    );

    expect(errorCode(await step(node, lead, 'publishLesson', lesson.id))).toBe(
      'FINDINGS_UNRESOLVED',
    );
    expect(errorCode(await node.gql(PROJECTION, { id: lesson.id }, reviewer.accessToken))).toBe(
      'FINDINGS_UNRESOLVED',
    );
    // Authors cannot decide; dismissing needs a reason.
    expect(
      errorCode(
        await node.gql(
          DECIDE,
          { i: { id: findings[0]!.id, decision: 'ACCEPT' } },
          author.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await node.gql(
          DECIDE,
          { i: { id: findings[0]!.id, decision: 'DISMISS' } },
          reviewer.accessToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    for (const f of findings) {
      const decided = await node.gql(
        DECIDE,
        { i: { id: f.id, decision: 'ACCEPT' } },
        reviewer.accessToken,
      );
      expect(decided.errors).toBeUndefined();
    }

    const projection = await node.gql<{ lessonProjection: { field: string; text: string }[] }>(
      PROJECTION,
      { id: lesson.id },
      reviewer.accessToken,
    );
    expect(projection.errors).toBeUndefined();
    const shared = JSON.stringify(projection.data!.lessonProjection);
    for (const value of [
      ...Object.values(PLANTED),
      'Winifred',
      'Ashworth',
      'Okonkwo',
      '9434765919',
      '5919',
    ])
      expect(shared).not.toContain(value);
    expect(shared).toContain('[NAME]');
    expect(shared).toContain('[NHS NUMBER]');
    expect(shared).toContain('Repeat the falls assessment when sedation changes.');

    const published = await step(node, lead, 'publishLesson', lesson.id);
    expect(published.data?.publishLesson?.status).toBe('PUBLISHED');
    const left = await node.gql<{ lessonKnownIdentifiers: unknown[] }>(
      `query($id: ID!) { lessonKnownIdentifiers(lessonId: $id) { id } }`,
      { id: lesson.id },
      lead.accessToken,
    );
    expect(left.data!.lessonKnownIdentifiers).toEqual([]);
  });

  it('keeps decisions on unchanged text, and makes changed text stale until scanned again', async () => {
    const lesson = await createLesson(node, author, {
      ...COMPLETE_SBAR,
      title: 'Handover gap on the night of Mrs Dorothy Pritchard',
      visibility: 'PUBLIC',
    });
    const first = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    const titleFinding = first.find((f) => f.field === 'title')!;
    const dismissed = await node.gql(
      DECIDE,
      {
        i: {
          id: titleFinding.id,
          decision: 'DISMISS',
          reason: 'Checked with the author: a pseudonym',
        },
      },
      lead.accessToken,
    );
    expect(dismissed.errors).toBeUndefined();
    const current = await node.gql<{ lesson: { version: number } }>(
      `query($id: ID!) { lesson(id: $id) { version } }`,
      { id: lesson.id },
      author.accessToken,
    );
    await node.gql(
      `mutation($i: UpdateLessonInput!) { updateLesson(input: $i) { version } }`,
      {
        i: {
          id: lesson.id,
          expectedVersion: current.data!.lesson.version,
          summary: 'Called 0113 496 0555 at night.',
        },
      },
      author.accessToken,
    );
    expect(errorCode(await node.gql(PROJECTION, { id: lesson.id }, lead.accessToken))).toBe(
      'FINDINGS_STALE',
    );
    const rescanned = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    expect(rescanned.find((f) => f.field === 'title')).toMatchObject({
      id: titleFinding.id,
      status: 'dismissed',
    });
    expect(rescanned.find((f) => f.field === 'summary')).toMatchObject({
      type: 'PHONE',
      status: 'open',
    });
    const listed = await node.gql<{ lessonFindings: Finding[] }>(
      FINDINGS,
      { id: lesson.id },
      author.accessToken,
    );
    expect(listed.data!.lessonFindings).toHaveLength(rescanned.length);
  });

  it('takes the people involved as known identifiers when a lesson is created: every form of them is found', async () => {
    const lesson = await createLesson(node, author, {
      ...COMPLETE_SBAR,
      title: 'Fall at night on a ward',
      summary: 'ruby fell at night; her daughter Dawn said the call bell was out of reach.',
      knownIdentifiers: [
        { type: 'NAME', value: 'Ruby Okafor' },
        { type: 'NAME', value: 'Dawn' },
      ],
    });
    const known = await node.gql<{ lessonKnownIdentifiers: { type: string }[] }>(
      `query($id: ID!) { lessonKnownIdentifiers(lessonId: $id) { type } }`,
      { id: lesson.id },
      author.accessToken,
    );
    expect(known.data!.lessonKnownIdentifiers).toHaveLength(2);
    const scanned = await node.gql<{ scanLesson: Finding[] }>(
      SCAN,
      { id: lesson.id },
      author.accessToken,
    );
    const texts = scanned.data!.scanLesson.filter((f) => f.field === 'summary').map((f) => f.text);
    expect(texts).toEqual(expect.arrayContaining(['ruby', 'Dawn']));
    // A blank value is refused, and the values never reach the audit trail (kinds only).
    const blank = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, knownIdentifiers: [{ type: 'NAME', value: '   ' }] } },
      author.accessToken,
    );
    expect(errorCode(blank)).toBe('BAD_USER_INPUT');
  });

  it('lets an internal lesson publish without a scan: it never leaves the node', async () => {
    const lesson = await createLesson(node, author, {
      ...COMPLETE_SBAR,
      title: 'Internal lesson about Mrs Edna Lloyd',
    });
    await addAction(node, author, lesson.id);
    await step(node, author, 'submitLesson', lesson.id);
    await step(node, reviewer, 'approveLesson', lesson.id);
    expect((await step(node, lead, 'publishLesson', lesson.id)).data?.publishLesson?.status).toBe(
      'PUBLISHED',
    );
  });

  it('uses the node word lists in every scan; only quality leads change them; a change makes scans stale', async () => {
    const add = (who: SignedIn, term: string, kind: string) =>
      node.gql<{ addAnonymiserTerm: { id: string } }>(
        `mutation($t: String!, $k: AnonymiserTermKind!) { addAnonymiserTerm(term: $t, kind: $k) { id term kind } }`,
        { t: term, k: kind },
        who.accessToken,
      );
    expect(errorCode(await add(reviewer, 'Rowan Ward', 'ALWAYS'))).toBe('FORBIDDEN');
    expect((await add(lead, 'Rowan Ward', 'ALWAYS')).errors).toBeUndefined();
    expect(errorCode(await add(lead, 'rowan ward', 'NEVER'))).toBe('CONFLICT');
    const lesson = await createLesson(node, author, {
      ...COMPLETE_SBAR,
      title: 'Night staffing on Rowan Ward',
    });
    const findings = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    expect(findings.find((f) => f.field === 'title')).toMatchObject({
      type: 'LOCAL_TERM',
      text: 'Rowan Ward',
    });
    const terms = await node.gql<{ anonymiserTerms: { id: string; term: string }[] }>(
      `{ anonymiserTerms { id term kind } }`,
      {},
      author.accessToken,
    );
    expect(terms.data!.anonymiserTerms.map((t) => t.term)).toEqual(['rowan ward']);
    await node.gql(
      `mutation($id: ID!) { removeAnonymiserTerm(id: $id) }`,
      { id: terms.data!.anonymiserTerms[0]!.id },
      lead.accessToken,
    );
    const rescanned = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    expect(rescanned.find((f) => f.field === 'title')).toBeUndefined();
  });

  it('four eyes: an author who is also a reviewer cannot dismiss findings on their own lesson (as they cannot approve it)', async () => {
    const both = await createUserAndSignIn(node, lead.accessToken, ['AUTHOR', 'REVIEWER']);
    const own = await createLesson(node, both, {
      ...COMPLETE_SBAR,
      title: 'Missed observations for Mrs Gwendolyn Harrowby',
      visibility: 'NETWORK',
    });
    const findings = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: own.id }, both.accessToken)
    ).data!.scanLesson;
    const name = findings.find((f) => f.field === 'title')!;
    const dismissed = await node.gql(
      DECIDE,
      { i: { id: name.id, decision: 'DISMISS', reason: 'A pseudonym, I made it up' } },
      both.accessToken,
    );
    expect(errorCode(dismissed)).toBe('SELF_REVIEW');
    expect(dismissed.errors![0].message).toMatch(/own lesson/);
    const listed = await node.gql<{ lessonFindings: Finding[] }>(
      FINDINGS,
      { id: own.id },
      both.accessToken,
    );
    expect(listed.data!.lessonFindings.find((f) => f.id === name.id)!.status).toBe('open');
    // Redacting more is never a leak: the author may accept a redaction of their own text.
    const accepted = await node.gql(
      DECIDE,
      { i: { id: name.id, decision: 'ACCEPT' } },
      both.accessToken,
    );
    expect(accepted.errors).toBeUndefined();
    // A quality lead who wrote the lesson is bound the same way; another quality lead may dismiss.
    const leadsOwn = await createLesson(node, lead, {
      ...COMPLETE_SBAR,
      title: 'Missed observations for Mrs Gwendolyn Harrowby',
    });
    const leadFinding = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: leadsOwn.id }, lead.accessToken)
    ).data!.scanLesson.find((f) => f.field === 'title')!;
    const byLead = { i: { id: leadFinding.id, decision: 'DISMISS', reason: 'A pseudonym' } };
    expect(errorCode(await node.gql(DECIDE, byLead, lead.accessToken))).toBe('SELF_REVIEW');
    const otherLead = await createUserAndSignIn(node, lead.accessToken, ['QUALITY_LEAD']);
    expect((await node.gql(DECIDE, byLead, otherLead.accessToken)).errors).toBeUndefined();
  });

  it("keeps reviewers' decisions when a word list changes, for findings that still stand", async () => {
    const lesson = await createLesson(node, author, {
      ...COMPLETE_SBAR,
      title: 'Delayed escalation for Mrs Maude Fairweather on Larch Ward',
      summary: 'Her son rang 0113 496 0987 twice before anyone answered.',
    });
    const first = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    const name = first.find((f) => f.field === 'title' && f.type === 'NAME')!;
    const phone = first.find((f) => f.field === 'summary' && f.type === 'PHONE')!;
    expect(name).toBeDefined();
    expect(phone).toBeDefined();
    const decide = (id: string, decision: string, reason?: string) =>
      node.gql(DECIDE, { i: { id, decision, reason } }, lead.accessToken);
    expect((await decide(name.id, 'DISMISS', 'A pseudonym agreed with the family')).errors).toBe(
      undefined,
    );
    expect((await decide(phone.id, 'ACCEPT')).errors).toBeUndefined();

    const addTerm = (term: string, kind: string) =>
      node.gql(
        `mutation($t: String!, $k: AnonymiserTermKind!) { addAnonymiserTerm(term: $t, kind: $k) { id } }`,
        { t: term, k: kind },
        lead.accessToken,
      );
    // A term that appears nowhere in this lesson.
    expect((await addTerm('Sycamore Unit', 'ALWAYS')).errors).toBeUndefined();
    const afterUnrelated = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    expect(afterUnrelated.find((f) => f.id === name.id)).toMatchObject({ status: 'dismissed' });
    expect(afterUnrelated.find((f) => f.id === phone.id)).toMatchObject({ status: 'accepted' });
    expect(afterUnrelated).toHaveLength(first.length);

    // A term this lesson holds: a new finding to decide, the other decisions still stand.
    expect((await addTerm('Larch Ward', 'ALWAYS')).errors).toBeUndefined();
    const afterRelated = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    expect(afterRelated.find((f) => f.id === name.id)).toMatchObject({ status: 'dismissed' });
    expect(afterRelated.find((f) => f.id === phone.id)).toMatchObject({ status: 'accepted' });
    expect(afterRelated.find((f) => f.type === 'LOCAL_TERM')).toMatchObject({
      text: 'Larch Ward',
      status: 'open',
    });

    // A finding that no longer stands goes, with its decision.
    expect((await addTerm('Maude Fairweather', 'NEVER')).errors).toBeUndefined();
    const afterNever = (
      await node.gql<{ scanLesson: Finding[] }>(SCAN, { id: lesson.id }, author.accessToken)
    ).data!.scanLesson;
    expect(afterNever.find((f) => f.id === name.id)).toBeUndefined();
    expect(afterNever.find((f) => f.id === phone.id)).toMatchObject({ status: 'accepted' });
  });
});
