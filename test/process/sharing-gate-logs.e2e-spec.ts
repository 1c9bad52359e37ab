import { rm } from 'node:fs/promises';
import { addAction, COMPLETE_SBAR, createLesson, step } from '../support/lesson-factory';
import { assertBuilt, NodeProcess } from '../support/node-process';
import { createUserAndSignIn, errorCode, signIn, TEST_PASSWORD } from '../support/test-node';

/** Identifiers planted in a lesson; none may ever appear in a log line of the node. */
const PLANTED = {
  name: 'Philomena Gruffydd',
  nhs: '943 476 5919',
  staff: 'Adeyemi-Quist',
  dob: '03/11/1941',
  phone: '07700 900982',
  postcode: 'HG1 5LE',
  email: 'p.gruffydd@example.org',
  place: 'Harlow Carr Care Home',
};

/**
 * The whole sharing-gate flow against a real node process logging at debug level, including
 * requests that fail (bad input, forbidden, refused by the gate) since error paths are where
 * inputs most often leak into logs. Every line the process wrote is then searched.
 */
describe('nothing identifiable reaches the logs', () => {
  let node: NodeProcess;
  beforeAll(async () => {
    assertBuilt();
    node = await NodeProcess.create({ LOG_LEVEL: 'debug', SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' });
    await node.start();
  });
  afterAll(async () => {
    await node.stop('SIGTERM');
    await rm(node.dataDir, { recursive: true, force: true });
  });

  it('plants identifiers, fails on purpose, scans, decides, publishes; no log line holds any of them', async () => {
    const created = node.cli(
      ['admin:create', '--email', 'lead@logs.nhs.uk', '--name', 'Lead', '--password-stdin'],
      `${TEST_PASSWORD}\n`,
    );
    expect(created.status).toBe(0);
    const lead = await signIn(node, 'lead@logs.nhs.uk');
    const author = await createUserAndSignIn(node, lead.accessToken, ['AUTHOR']);
    const reviewer = await createUserAndSignIn(node, lead.accessToken, ['REVIEWER']);

    const lesson = await createLesson(node, author, {
      ...COMPLETE_SBAR,
      visibility: 'NETWORK',
      title: `Fall of Mrs ${PLANTED.name}`,
      summary: `Mrs ${PLANTED.name} (NHS ${PLANTED.nhs}, DOB ${PLANTED.dob}) of ${PLANTED.place} fell.`,
      sections: [
        { key: 'situation', text: `Staff Nurse ${PLANTED.staff} found her on the floor.` },
        {
          key: 'background',
          text: `Daughter: ${PLANTED.phone}, ${PLANTED.email}, ${PLANTED.postcode}.`,
        },
        { key: 'assessment', text: 'No falls assessment since admission.' },
        { key: 'recommendations', text: 'Reassess after sedation changes.' },
      ],
    });
    await addAction(node, author, lesson.id, {
      description: `Staff Nurse ${PLANTED.staff} to audit falls assessments`,
    });
    const known = await node.gql(
      `mutation($i: AddKnownIdentifierInput!) { addKnownIdentifier(input: $i) { id } }`,
      { i: { lessonId: lesson.id, type: 'NAME', value: PLANTED.name } },
      author.accessToken,
    );
    expect(known.errors).toBeUndefined();

    // Failures on purpose, each carrying identifiers in its input.
    const unknownSection = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, sections: [{ key: 'nonsense', text: PLANTED.name }] } },
      author.accessToken,
    );
    expect(errorCode(unknownSection)).toBe('UNKNOWN_SECTION');
    const badType = await node.gql(
      `mutation($i: AddKnownIdentifierInput!) { addKnownIdentifier(input: $i) { id } }`,
      { i: { lessonId: lesson.id, type: 'NOT_A_TYPE', value: PLANTED.nhs } },
      author.accessToken,
    );
    expect(badType.errors).toBeDefined();
    const forbidden = await node.gql(
      `mutation($i: AddKnownIdentifierInput!) { addKnownIdentifier(input: $i) { id } }`,
      { i: { lessonId: lesson.id, type: 'NAME', value: PLANTED.staff } },
    );
    expect(errorCode(forbidden)).toBe('UNAUTHENTICATED');

    await step(node, author, 'submitLesson', lesson.id);
    await step(node, reviewer, 'approveLesson', lesson.id);
    const scanned = await node.gql<{ scanLesson: { id: string; text: string }[] }>(
      `mutation($id: ID!) { scanLesson(lessonId: $id) { id text } }`,
      { id: lesson.id },
      reviewer.accessToken,
    );
    expect(scanned.errors).toBeUndefined();
    const texts = scanned.data!.scanLesson.map((f) => f.text).join(' | ');
    for (const value of [PLANTED.nhs, PLANTED.staff, PLANTED.phone, PLANTED.postcode, 'Gruffydd'])
      expect(texts).toContain(value);
    expect(errorCode(await step(node, lead, 'publishLesson', lesson.id))).toBe(
      'FINDINGS_UNRESOLVED',
    );
    for (const f of scanned.data!.scanLesson) {
      const decided = await node.gql(
        `mutation($i: DecideFindingInput!) { decideFinding(input: $i) { id } }`,
        { i: { id: f.id, decision: 'ACCEPT' } },
        reviewer.accessToken,
      );
      expect(decided.errors).toBeUndefined();
    }
    const published = await step(node, lead, 'publishLesson', lesson.id);
    expect(published.data?.publishLesson?.status).toBe('PUBLISHED');
    const projection = await node.gql<{ lessonProjection: unknown[] }>(
      `query($id: ID!) { lessonProjection(lessonId: $id) { field text } }`,
      { id: lesson.id },
      lead.accessToken,
    );
    const shared = JSON.stringify(projection.data?.lessonProjection);
    expect(shared).toContain('[NAME]');

    // The node logged requests at debug level all along: none of it may hold an identifier.
    expect(node.output).toContain('"level":20');
    const digits = PLANTED.nhs.replace(/\D/g, '');
    for (const value of [...Object.values(PLANTED), 'Philomena', 'Gruffydd', digits]) {
      expect(node.output).not.toContain(value);
      expect(shared).not.toContain(value);
    }
  });
});
